using DurableAgents.TestSupport;

namespace DurableAgents.Agents.Tests.Bedrock;

public sealed class SigV4Tests
{
    [Fact]
    public void ComputeSignature_AwsGetVanillaVector_MatchesPublishedSignature()
    {
        // The "get-vanilla" case of AWS's published SigV4 test suite proves the verifier's HMAC chain.
        const string canonicalRequest = "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

        string signature = SigV4Verifier.ComputeSignature(
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1", "service", "20150830T123600Z", canonicalRequest);

        Assert.Equal("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", signature);
    }

    [Theory]
    [InlineData("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse", "/model/anthropic.claude-3-haiku-20240307-v1%253A0/converse")]
    [InlineData("/model/plain-model/converse", "/model/plain-model/converse")]
    public void CanonicalUri_EncodedPath_EncodesEachSegmentAgain(string wirePath, string expected)
    {
        Assert.Equal(expected, SigV4RequestSigner.CanonicalUri(wirePath));
        Assert.Equal(expected, SigV4Verifier.CanonicalPath(wirePath));
    }
}
