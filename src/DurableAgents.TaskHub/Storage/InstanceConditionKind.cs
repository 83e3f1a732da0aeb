namespace DurableAgents.TaskHub.Storage;

/// <summary>The kinds of <see cref="InstanceCondition"/>; each maps to one DynamoDB condition expression.</summary>
public enum InstanceConditionKind
{
    /// <summary>No row with the id exists (<c>attribute_not_exists(pk)</c>).</summary>
    Absent = 0,

    /// <summary>No row exists, or its status is terminal (<c>attribute_not_exists(pk) OR status IN (...)</c>).</summary>
    NotActive = 1,

    /// <summary>The row exists and its RowVersion equals the given one (<c>rowVersion = :v</c>).</summary>
    RowVersionEquals = 2,
}
