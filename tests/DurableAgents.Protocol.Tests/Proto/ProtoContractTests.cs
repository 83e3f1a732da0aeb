using Microsoft.DurableTask.Protobuf;
using Google.Protobuf.Reflection;

namespace DurableAgents.Protocol.Tests.Proto;

/// <summary>
/// The protocol stubs come from Microsoft.DurableTask.Grpc; these pin the field numbers and shapes our mapping relies on,
/// so a package update that changes them fails here rather than on the wire.
/// </summary>
public sealed class ProtoContractTests
{
    private static readonly FileDescriptor File = OrchestratorServiceReflection.Descriptor;

    [Fact]
    public void File_HasNoPackage_SoPathsAreTaskHubSidecarServiceSlashMethod()
    {
        Assert.Equal(string.Empty, File.Package);
        Assert.Equal("TaskHubSidecarService", Assert.Single(File.Services).FullName);
    }

    public static TheoryData<string, string, int> ExpectedFields()
    {
        var data = new TheoryData<string, string, int>();
        var path = Path.Combine(AppContext.BaseDirectory, "Proto", "expected_field_numbers.txt");
        foreach (var line in System.IO.File.ReadAllLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('=', StringSplitOptions.TrimEntries);
            var dot = parts[0].IndexOf('.', StringComparison.Ordinal);
            data.Add(parts[0][..dot], parts[0][(dot + 1)..], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExpectedFields))]
    public void Field_HasProtocolNumber(string message, string field, int number)
    {
        var descriptor = File.FindTypeByName<MessageDescriptor>(message);
        Assert.NotNull(descriptor);
        var fieldDescriptor = descriptor.FindFieldByName(field);
        Assert.NotNull(fieldDescriptor);
        Assert.Equal(number, fieldDescriptor.FieldNumber);
    }

    [Fact]
    public void Service_StreamingMethodsAndHello_HaveProtocolTypes()
    {
        var methods = File.Services[0].Methods;

        var getWorkItems = methods.Single(m => m.Name == "GetWorkItems");
        Assert.Equal("GetWorkItemsRequest", getWorkItems.InputType.Name);
        Assert.Equal("WorkItem", getWorkItems.OutputType.Name);
        Assert.True(getWorkItems.IsServerStreaming);
        Assert.True(methods.Single(m => m.Name == "StreamInstanceHistory").IsServerStreaming);
        Assert.Equal(2, methods.Count(m => m.IsServerStreaming));
        Assert.Equal("google.protobuf.Empty", methods.Single(m => m.Name == "Hello").InputType.FullName);
    }

    [Fact]
    public void Enums_HaveProtocolNumbers()
    {
        Assert.Equal(
            [0, 1, 2, 3, 4, 5, 6, 7],
            Enum.GetValues<OrchestrationStatus>().Select(s => (int)s));
        Assert.Equal((int)DurableAgents.OrchestrationStatus.Suspended, (int)OrchestrationStatus.Suspended);
        Assert.Equal(3, (int)WorkerCapability.LargePayloads);
    }
}
