namespace DurableAgents.Integration.Tests.ScaleOut;

/// <summary>
/// What the sidecars of one shared DynamoDB table are given: the endpoint and table prefix, and short partition leases so
/// that a takeover after a crash happens within seconds.
/// </summary>
/// <param name="ServiceUrl">DynamoDB Local's endpoint.</param>
/// <param name="TablePrefix">The table prefix, fresh per test.</param>
/// <param name="LeaseDuration">TaskHub:PartitionLeaseDuration: how long a dead sidecar's partitions stay unowned.</param>
/// <param name="RenewInterval">TaskHub:PartitionRenewInterval.</param>
/// <param name="InboxPollInterval">TaskHub:InboxPollInterval: how soon an owner sees a message another sidecar wrote.</param>
internal sealed record SharedTableSettings(Uri ServiceUrl, string TablePrefix, TimeSpan LeaseDuration, TimeSpan RenewInterval, TimeSpan InboxPollInterval)
{
    /// <summary>The command-line settings of one sidecar process of the table.</summary>
    public IEnumerable<string> SidecarArguments(string ownerId, int grpcPort) =>
    [
        $"--Sidecar:GrpcEndpoint=127.0.0.1:{grpcPort}",
        "--Sidecar:HttpEndpoint=",
        "--TaskHub:Store=DynamoDb",
        $"--TaskHub:DynamoDb:ServiceUrl={ServiceUrl}",
        $"--TaskHub:DynamoDb:TablePrefix={TablePrefix}",
        "--TaskHub:DynamoDb:Region=eu-west-1",
        $"--TaskHub:OwnerId={ownerId}",
        $"--TaskHub:PartitionLeaseDuration={LeaseDuration:c}",
        $"--TaskHub:PartitionRenewInterval={RenewInterval:c}",
        $"--TaskHub:InboxPollInterval={InboxPollInterval:c}",
        "--Serilog:MinimumLevel:Default=Warning",
    ];
}
