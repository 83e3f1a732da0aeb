using System.Runtime.CompilerServices;

namespace DurableAgents.Client;

/// <summary>Results that arrive page by page; enumerate items directly or walk <see cref="AsPages"/>.</summary>
public sealed class AsyncPageable<T> : IAsyncEnumerable<T>
{
    private readonly Func<string?, int?, CancellationToken, Task<Page<T>>> _fetchPage;

    /// <summary>Creates a pageable over a page-fetching function (continuation token, page size hint).</summary>
    public AsyncPageable(Func<string?, int?, CancellationToken, Task<Page<T>>> fetchPage)
    {
        ArgumentNullException.ThrowIfNull(fetchPage);
        _fetchPage = fetchPage;
    }

    /// <summary>Walks the results one page at a time, from <paramref name="continuationToken"/> if given.</summary>
    public async IAsyncEnumerable<Page<T>> AsPages(
        string? continuationToken = null, int? pageSizeHint = null, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        string? token = continuationToken;
        do
        {
            Page<T> page = await _fetchPage(token, pageSizeHint, cancellation).ConfigureAwait(false);
            yield return page;
            token = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(token));
    }

    /// <inheritdoc/>
    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (Page<T> page in AsPages(cancellation: cancellationToken).ConfigureAwait(false))
        {
            foreach (T item in page.Values)
            {
                yield return item;
            }
        }
    }
}
