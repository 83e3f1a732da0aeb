using Amazon.DynamoDBv2.Model;

namespace DurableAgents.Storage.DynamoDb;

/// <summary>Running totals of the store's DynamoDB requests and the capacity units DynamoDB reported for them.</summary>
/// <remarks>Every request asks for <c>ReturnConsumedCapacity=TOTAL</c>; the totals let operators and benchmarks price an orchestration.</remarks>
public sealed class DynamoDbUsage
{
    private long _requests;
    private long _readMilliUnits;
    private long _writeMilliUnits;

    /// <summary>DynamoDB API calls made (reads, writes, transactions; retries the SDK makes inside one call are not counted).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Read capacity units consumed.</summary>
    public double ReadUnits => Interlocked.Read(ref _readMilliUnits) / 1000.0;

    /// <summary>Write capacity units consumed (a transactional write of a 1 KB item costs 2).</summary>
    public double WriteUnits => Interlocked.Read(ref _writeMilliUnits) / 1000.0;

    internal void RecordRead(ConsumedCapacity? capacity) => Record(capacity is null ? null : [capacity], ref _readMilliUnits);

    internal void RecordWrite(IEnumerable<ConsumedCapacity>? capacities) => Record(capacities, ref _writeMilliUnits);

    private void Record(IEnumerable<ConsumedCapacity>? capacities, ref long milliUnits)
    {
        Interlocked.Increment(ref _requests);
        foreach (ConsumedCapacity capacity in capacities ?? [])
        {
            Interlocked.Add(ref milliUnits, (long)Math.Round((capacity.CapacityUnits ?? 0) * 1000));
        }
    }
}
