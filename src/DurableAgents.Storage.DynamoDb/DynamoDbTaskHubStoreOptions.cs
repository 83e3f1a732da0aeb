using System.ComponentModel.DataAnnotations;

namespace DurableAgents.Storage.DynamoDb;

/// <summary>Settings of the DynamoDB task hub store (configuration section <c>TaskHub:DynamoDb</c>).</summary>
public sealed class DynamoDbTaskHubStoreOptions : IValidatableObject
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "TaskHub:DynamoDb";

    /// <summary>The table is named <c>{TablePrefix}TaskHub</c>, so several hubs can share an account and region.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[A-Za-z0-9_.-]{1,200}$", ErrorMessage = "TablePrefix may hold only letters, digits, '_', '-' and '.', at most 200 of them.")]
    public string TablePrefix { get; set; } = "DurableAgents-";

    /// <summary>The AWS region (e.g. <c>eu-west-1</c>); when empty the SDK's default (<c>AWS_REGION</c>, the profile) applies.</summary>
    public string? Region { get; set; }

    /// <summary>
    /// An endpoint that replaces the region's (DynamoDB Local, a VPC endpoint). With an override and no credentials in the
    /// AWS default chain, the store signs with fixed placeholder credentials, which DynamoDB Local accepts.
    /// </summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Creates the table and its indexes (on-demand billing) at start when it does not exist; off means a missing table fails the start.</summary>
    public bool CreateTable { get; set; } = true;

    /// <summary>
    /// The hub's number of partitions (1 to 1024), the unit that sidecars sharing the table own and load. Fixed when the
    /// table is first initialised (stored in the table, default <see cref="DefaultPartitionCount"/>). Unset: use the stored
    /// count. Set to a different number than the stored one: the start fails, since every sidecar of a table must agree.
    /// </summary>
    [Range(1, MaxPartitionCount, ErrorMessage = "PartitionCount must be between 1 and 1024.")]
    public int? PartitionCount { get; set; }

    /// <summary>The partition count a new table gets when <see cref="PartitionCount"/> is unset.</summary>
    public const int DefaultPartitionCount = 16;

    /// <summary>The largest <see cref="PartitionCount"/>.</summary>
    public const int MaxPartitionCount = 1024;

    /// <summary>The table's name.</summary>
    public string TableName => TablePrefix + "TaskHub";

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ServiceUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult(
                $"{nameof(ServiceUrl)} must be an absolute http:// or https:// URL such as http://127.0.0.1:8000; it was '{url}'.",
                [nameof(ServiceUrl)]);
        }
    }
}
