using System.Text.Json;
using DurableAgents.Converters;

namespace DurableAgents.Abstractions.Tests;

public class WebJsonDataConverterTests
{
    private sealed record Order(string OrderId, int Quantity);

    [Fact]
    public void Serialize_UsesCamelCaseAndKeepsNullAsNull()
    {
        Assert.Equal("{\"orderId\":\"o-1\",\"quantity\":2}", WebJsonDataConverter.Default.Serialize(new Order("o-1", 2)));
        Assert.Null(WebJsonDataConverter.Default.Serialize(null));
    }

    [Fact]
    public void Deserialize_RoundTripsAndNullTextGivesNull()
    {
        Assert.Equal(new Order("o-1", 2), WebJsonDataConverter.Default.Deserialize<Order>("{\"orderId\":\"o-1\",\"quantity\":2}"));
        Assert.Null(WebJsonDataConverter.Default.Deserialize<Order>(null));
    }

    [Fact]
    public void Deserialize_InvalidPayload_ThrowsPayloadFormatExceptionNamingTypeAndPayload()
    {
        PayloadFormatException error = Assert.Throws<PayloadFormatException>(() => WebJsonDataConverter.Default.Deserialize<Order>("{\"quantity\":\"many\"}"));

        Assert.Contains("Order", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"many\"", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<JsonException>(error.InnerException);
    }

    [Fact]
    public void Deserialize_LongInvalidPayload_IsTruncatedInTheMessage()
    {
        string payload = "[" + new string('1', 500);

        PayloadFormatException error = Assert.Throws<PayloadFormatException>(() => WebJsonDataConverter.Default.Deserialize<int[]>(payload));

        Assert.Contains("...", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('1', 200), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_CustomOptions_AreUsed()
    {
        var converter = new WebJsonDataConverter(new JsonSerializerOptions { PropertyNamingPolicy = null });

        Assert.Equal("{\"OrderId\":\"o\",\"Quantity\":1}", converter.Serialize(new Order("o", 1)));
    }

    [Fact]
    public void DeserializeGeneric_NullTextForValueType_ReturnsDefault()
    {
        Assert.Equal(0, WebJsonDataConverter.Default.Deserialize<int>(null));
        Assert.Null(WebJsonDataConverter.Default.Deserialize<int?>(null));
    }
}
