using Amazon.DynamoDBv2.Model;

namespace DurableAgents.Storage.DynamoDb.Writing;

/// <summary>
/// What a split commit that stopped part-way wrote ahead or marked, kept in memory so the store settles those items by
/// key (consistent reads) before its next commit, instead of finding them through the eventually consistent Work index.
/// </summary>
internal sealed record PendingSplit(
    string InstanceId,
    string Token,
    IReadOnlyList<Dictionary<string, AttributeValue>> Ahead,
    IReadOnlyList<Dictionary<string, AttributeValue>> Consumed);
