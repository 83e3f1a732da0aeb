using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace DurableAgents.Storage.DynamoDb.Writing;

/// <summary>
/// Retries of writes DynamoDB refused only because another request touched one of their items at the same moment. Every
/// fenced transaction checks its partition's lease item, which the owner renews every few seconds, so with several engines
/// such conflicts are routine; they wrote nothing, so trying again (with a new client request token, which DynamoDB would
/// otherwise take for the refused request) is safe.
/// </summary>
internal static class TransactionConflicts
{
    /// <summary>Attempts in all, the first included.</summary>
    public const int Attempts = 5;

    private const int BaseDelayMilliseconds = 20;
    private const int MaxDelayMilliseconds = 400;

    /// <summary>
    /// True when the cancellation was caused by conflicts alone: at least one reason is <c>TransactionConflict</c> and every
    /// other is <c>None</c>, so no condition failed and nothing was written.
    /// </summary>
    public static bool OnlyConflicts(IReadOnlyList<CancellationReason>? reasons) =>
        reasons is { Count: > 0 } &&
        reasons.Any(reason => reason.Code == "TransactionConflict") &&
        reasons.All(reason => reason.Code is "TransactionConflict" or "None" or null);

    /// <summary>
    /// One <c>TransactWriteItems</c> of <paramref name="items"/>, tried again while it is cancelled by conflicts alone (see
    /// <see cref="OnlyConflicts"/>); other cancellations, and the last conflict, are thrown to the caller.
    /// <paramref name="firstToken"/> is the first attempt's client request token (a new one otherwise).
    /// </summary>
    public static Task TransactWriteAsync(TableAccess table, IReadOnlyList<TransactWriteItem> items, CancellationToken cancellation, string? firstToken = null) =>
        RetryTransactionAsync(
            async (token, attemptCancellation) =>
            {
                try
                {
                    TransactWriteItemsResponse response = await table.Client.TransactWriteItemsAsync(
                        new TransactWriteItemsRequest
                        {
                            TransactItems = [.. items],
                            // The SDK resends a request that timed out with the same token, and DynamoDB applies a token once
                            // (within 10 minutes): a resend cannot apply the writes twice.
                            ClientRequestToken = token,
                            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                        },
                        attemptCancellation).ConfigureAwait(false);
                    table.Usage.RecordWrite(response.ConsumedCapacity);
                }
                catch (TransactionCanceledException)
                {
                    table.Usage.RecordWrite(null);
                    throw;
                }
            },
            cancellation,
            firstToken);

    /// <summary>Runs <paramref name="transact"/> with a new token per attempt while it is cancelled by conflicts alone.</summary>
    public static async Task RetryTransactionAsync(Func<string, CancellationToken, Task> transact, CancellationToken cancellation, string? firstToken = null)
    {
        string token = firstToken ?? NewToken();
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await transact(token, cancellation).ConfigureAwait(false);
                return;
            }
            catch (TransactionCanceledException canceled) when (attempt < Attempts && OnlyConflicts(canceled.CancellationReasons))
            {
                await Task.Delay(Backoff(attempt), cancellation).ConfigureAwait(false);
                token = NewToken();
            }
        }
    }

    /// <summary>Runs a single-item write again while DynamoDB rejects it with <see cref="TransactionConflictException"/>.</summary>
    public static async Task<T> RetrySingleAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellation)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await write(cancellation).ConfigureAwait(false);
            }
            catch (TransactionConflictException) when (attempt < Attempts)
            {
                await Task.Delay(Backoff(attempt), cancellation).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Exponential with full jitter, so engines that conflicted once do not collide again in step.</summary>
    private static TimeSpan Backoff(int attempt)
    {
        int ceiling = Math.Min(MaxDelayMilliseconds, BaseDelayMilliseconds << attempt);
        return TimeSpan.FromMilliseconds(Random.Shared.Next(ceiling / 2, ceiling + 1));
    }

    private static string NewToken() => Guid.NewGuid().ToString("N");
}
