using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace DurableAgents.Agents;

/// <summary>Finds the region and credentials Bedrock calls use when they are not given explicitly.</summary>
internal static class AwsEnvironment
{
    /// <summary>
    /// Region from options, then AWS_REGION / AWS_DEFAULT_REGION, then the profile. The EC2 metadata service
    /// is deliberately not asked: it can stall for seconds off EC2.
    /// </summary>
    public static string ResolveRegion(BedrockOptions options)
    {
        string? region = FirstNonEmpty(
            options.Region,
            Environment.GetEnvironmentVariable("AWS_REGION"),
            Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION"));
        if (region is null)
        {
            string profileName = options.Profile ?? DefaultAWSCredentialsIdentityResolver.GetProfileName();
            if (new CredentialProfileStoreChain().TryGetProfile(profileName, out CredentialProfile? profile))
            {
                region = profile.Region?.SystemName;
            }
        }

        return region ?? throw new ModelProviderConfigurationException(
            "No AWS region is configured for Bedrock. Set Agents:Bedrock:Region (e.g. us-east-1), the AWS_REGION "
            + "environment variable, or a region in the AWS profile.");
    }

    public static async Task<AWSCredentials> ResolveCredentialsAsync(BedrockOptions options)
    {
        if (!string.IsNullOrEmpty(options.Profile))
        {
            if (new CredentialProfileStoreChain().TryGetAWSCredentials(options.Profile, out AWSCredentials? fromProfile))
            {
                return fromProfile;
            }

            throw new ModelProviderConfigurationException(
                $"AWS profile '{options.Profile}' (Agents:Bedrock:Profile) was not found in ~/.aws/credentials or "
                + "~/.aws/config, or it has no usable credentials. Create it (aws configure --profile ...) or clear the setting.");
        }

        try
        {
            return await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(null).ConfigureAwait(false);
        }
        catch (AmazonClientException exception)
        {
            throw new ModelProviderConfigurationException(
                "No AWS credentials were found for Bedrock. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
                + "(and AWS_SESSION_TOKEN for temporary credentials), or Agents:Bedrock:Profile. " + exception.Message,
                exception);
        }
    }

    private static string? FirstNonEmpty(params string?[] values) =>
        values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
}
