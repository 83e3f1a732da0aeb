using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace DurableAgents.Storage.DynamoDb;

/// <summary>Builds the DynamoDB client from the options: region or endpoint override, credentials from the AWS default chain.</summary>
internal static class DynamoDbClientFactory
{
    /// <summary>What the store signs with when an endpoint override is set and the default chain has no credentials (DynamoDB Local accepts any key made of letters and digits).</summary>
    internal static readonly BasicAWSCredentials PlaceholderCredentials = new("DurableAgentsLocal", "DurableAgentsLocal");

    public static AmazonDynamoDBClient Create(DynamoDbTaskHubStoreOptions options)
    {
        var config = new AmazonDynamoDBConfig();
        if (!string.IsNullOrWhiteSpace(options.Region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        if (options.ServiceUrl is { } url)
        {
            config.ServiceURL = url.ToString();
            // Signing needs a region name even for a local endpoint; DynamoDB Local ignores it.
            config.AuthenticationRegion = string.IsNullOrWhiteSpace(options.Region) ? "us-east-1" : options.Region;
            return new AmazonDynamoDBClient(DefaultCredentialsOrNull(config) ?? PlaceholderCredentials, config);
        }

        // The SDK resolves region and credentials from the default chain (environment, profile, container or instance role).
        return new AmazonDynamoDBClient(config);
    }

    private static AWSCredentials? DefaultCredentialsOrNull(AmazonDynamoDBConfig config)
    {
        try
        {
            return DefaultAWSCredentialsIdentityResolver.GetCredentials(config);
        }
        catch (AmazonClientException)
        {
            return null;
        }
    }
}
