using DurableAgents.Protocol.Grpc;

namespace DurableAgents.Protocol.Tests.Grpc;

public sealed class GrpcMessageEncodingTests
{
    [Theory]
    [InlineData("plain ascii", "plain ascii")]
    [InlineData("100%", "100%25")]
    [InlineData("ü", "%C3%BC")]
    [InlineData("a\nb", "a%0Ab")]
    [InlineData("😀", "%F0%9F%98%80")]
    public void Encode_Message_PercentEncodesOutsidePrintableAscii(string message, string expected)
    {
        Assert.Equal(expected, GrpcMessageEncoding.Encode(message));
    }

    [Theory]
    [InlineData("Zustand ungültig: 완료됨 ✓ 100% \"quoted\"\nline two 😀")]
    [InlineData("")]
    public void Decode_EncodedMessage_RoundTrips(string message)
    {
        Assert.Equal(message, GrpcMessageEncoding.Decode(GrpcMessageEncoding.Encode(message)));
    }

    [Theory]
    [InlineData("50%", "50%")]
    [InlineData("%zz", "%zz")]
    [InlineData("%4", "%4")]
    public void Decode_MalformedSequence_KeptAsIs(string value, string expected)
    {
        Assert.Equal(expected, GrpcMessageEncoding.Decode(value));
    }
}
