namespace DurableAgents.Storage.DynamoDb.Reading;

/// <summary>Which items left tagged by split commits a read may settle for good (untag or delete); every read judges them all.</summary>
internal enum SplitSettling
{
    /// <summary>None: a poll of a partition's inbox, which runs while the same engine's split commits may be in flight.</summary>
    None,

    /// <summary>Items decided by an instance of the partition read: a partition load by its new owner.</summary>
    DecidedInPartition,

    /// <summary>All of them: the recovery of a whole hub by its only engine, before it commits anything.</summary>
    All,
}
