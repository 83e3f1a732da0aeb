using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DurableAgents.Storage.DynamoDb.Items;
using DurableAgents.Storage.DynamoDb.Writing;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.DynamoDb.Leasing;

/// <summary>
/// Leases and heartbeats as items of the hub partition: each change is one conditional single-item write, so two
/// engines racing for a partition cannot both win (see README "Several sidecars on one table").
/// </summary>
internal sealed class PartitionLeases(TableAccess table, int partitionCount)
{
    public async Task<PartitionTable> ReadAsync(CancellationToken cancellation)
    {
        var leases = new PartitionLease?[partitionCount];
        var members = new List<PartitionMember>();
        await foreach (Dictionary<string, AttributeValue> item in table.HubItemsAsync(cancellation).ConfigureAwait(false))
        {
            if (LeaseItems.IsLease(item))
            {
                PartitionLease lease = LeaseItems.LeaseFromItem(item);
                if (lease.Partition < partitionCount)
                {
                    leases[lease.Partition] = lease;
                }
            }
            else if (LeaseItems.IsMember(item))
            {
                members.Add(LeaseItems.MemberFromItem(item));
            }
        }

        return new PartitionTable([.. leases.Select((lease, partition) => lease ?? LeaseItems.NeverClaimed(partition))], members);
    }

    public async Task HeartbeatAsync(string owner, DateTime expiresAt, CancellationToken cancellation)
    {
        PutItemResponse response = await TransactionConflicts.RetrySingleAsync(
            attempt => table.Client.PutItemAsync(
                new PutItemRequest
                {
                    TableName = table.Table,
                    Item = LeaseItems.ToItem(new PartitionMember(owner, expiresAt)),
                    ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                },
                attempt),
            cancellation).ConfigureAwait(false);
        table.Usage.RecordWrite(Capacities(response.ConsumedCapacity));
    }

    public Task LeaveAsync(string owner, CancellationToken cancellation) => DeleteMemberAsync(owner, expiresAt: null, cancellation);

    /// <summary>Deletes a member's heartbeat while it still has the expiry read; a member that renewed it meanwhile keeps it.</summary>
    public async Task<bool> ForgetAsync(PartitionMember expired, CancellationToken cancellation)
    {
        try
        {
            await DeleteMemberAsync(expired.Owner, expired.ExpiresAt, cancellation).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            // Renewed or already gone: nothing to forget.
            return false;
        }
    }

    /// <summary>Deletes a member's heartbeat, only while it has <paramref name="expiresAt"/> when that is set.</summary>
    private async Task DeleteMemberAsync(string owner, DateTime? expiresAt, CancellationToken cancellation)
    {
        DeleteItemResponse response = await TransactionConflicts.RetrySingleAsync(
            attempt => table.Client.DeleteItemAsync(
                new DeleteItemRequest
                {
                    TableName = table.Table,
                    Key = LeaseItems.MemberKey(owner),
                    ConditionExpression = expiresAt is null ? null : "#ex = :ex",
                    ExpressionAttributeNames = expiresAt is null ? null : new Dictionary<string, string> { ["#ex"] = LeaseItems.ExpiresAt },
                    ExpressionAttributeValues = expiresAt is { } expiry ? new Dictionary<string, AttributeValue> { [":ex"] = AttributeValues.N(expiry.Ticks) } : null,
                    ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                },
                attempt),
            cancellation).ConfigureAwait(false);
        table.Usage.RecordWrite(Capacities(response.ConsumedCapacity));
    }

    /// <summary>Writes the next epoch's lease when the lease is still <paramref name="current"/> (a put: it replaces the whole item).</summary>
    public async Task<PartitionLease?> TryClaimAsync(PartitionLease current, string owner, DateTime expiresAt, CancellationToken cancellation)
    {
        CheckPartition(current.Partition, nameof(current));
        var claimed = new PartitionLease(current.Partition, owner, current.Epoch + 1, expiresAt);
        (string expression, Dictionary<string, string>? names, Dictionary<string, AttributeValue>? values) = LeaseItems.IsStill(current);
        try
        {
            // A fenced transaction's check of this lease item conflicts with the write: retried (see TransactionConflicts).
            PutItemResponse response = await TransactionConflicts.RetrySingleAsync(
                attempt => table.Client.PutItemAsync(
                    new PutItemRequest
                    {
                        TableName = table.Table,
                        Item = LeaseItems.ToItem(claimed),
                        ConditionExpression = expression,
                        ExpressionAttributeNames = names,
                        ExpressionAttributeValues = values,
                        ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                    },
                    attempt),
                cancellation).ConfigureAwait(false);
            table.Usage.RecordWrite(Capacities(response.ConsumedCapacity));
            return claimed;
        }
        catch (ConditionalCheckFailedException)
        {
            table.Usage.RecordWrite(null);
            return null;
        }
    }

    public async Task<PartitionLease?> TryRenewAsync(PartitionLease held, DateTime expiresAt, CancellationToken cancellation)
    {
        CheckHeld(held);
        bool renewed = await UpdateHeldAsync(held, "SET #ex = :ex", expiresAt, cancellation).ConfigureAwait(false);
        return renewed ? held with { ExpiresAt = expiresAt } : null;
    }

    /// <summary>The owner goes and the expiry becomes <see cref="DateTime.MinValue"/>: free to claim at once; the epoch stays.</summary>
    public async Task ReleaseAsync(PartitionLease held, CancellationToken cancellation)
    {
        CheckHeld(held);
        await UpdateHeldAsync(held, "REMOVE #o SET #ex = :ex", DateTime.MinValue, cancellation).ConfigureAwait(false);
    }

    private async Task<bool> UpdateHeldAsync(PartitionLease held, string update, DateTime expiresAt, CancellationToken cancellation)
    {
        (string expression, Dictionary<string, string>? names, Dictionary<string, AttributeValue>? values) = LeaseItems.IsStill(held);
        names!["#ex"] = LeaseItems.ExpiresAt;
        values![":ex"] = AttributeValues.N(expiresAt.Ticks);
        try
        {
            // Every fenced transaction checks this lease item, so a renewal or release often conflicts with one: retried.
            UpdateItemResponse response = await TransactionConflicts.RetrySingleAsync(
                attempt => table.Client.UpdateItemAsync(
                    new UpdateItemRequest
                    {
                        TableName = table.Table,
                        Key = LeaseItems.LeaseKey(held.Partition),
                        UpdateExpression = update,
                        ConditionExpression = expression,
                        ExpressionAttributeNames = names,
                        ExpressionAttributeValues = values,
                        ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                    },
                    attempt),
                cancellation).ConfigureAwait(false);
            table.Usage.RecordWrite(Capacities(response.ConsumedCapacity));
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            table.Usage.RecordWrite(null);
            return false;
        }
    }

    /// <summary>A held lease has an owner and an epoch of at least 1 (a claim made it).</summary>
    private void CheckHeld(PartitionLease held)
    {
        ArgumentNullException.ThrowIfNull(held);
        CheckPartition(held.Partition, nameof(held));
        if (string.IsNullOrEmpty(held.Owner) || held.Epoch < 1)
        {
            throw new ArgumentException(
                $"Partition {held.Partition}'s lease (owner '{held.Owner}', epoch {held.Epoch}) is not a held lease: a held lease has an owner and an epoch of at least 1, as a claim returns it.",
                nameof(held));
        }
    }

    public void CheckPartition(int partition, string parameter)
    {
        if (partition < 0 || partition >= partitionCount)
        {
            throw new ArgumentOutOfRangeException(parameter, partition, $"The hub has partitions 0 to {partitionCount - 1}; partition {partition} does not exist.");
        }
    }

    private static List<ConsumedCapacity>? Capacities(ConsumedCapacity? capacity) => capacity is null ? null : [capacity];
}
