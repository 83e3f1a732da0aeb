namespace DurableAgents;

/// <summary>Gives an orchestrator or activity class a registered name other than its type name.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DurableTaskAttribute(string name) : Attribute
{
    /// <summary>The registered name.</summary>
    public string Name { get; } = name;

    /// <summary>The name a type registers under: the attribute's name, or the type name.</summary>
    public static TaskName GetTaskName(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var attribute = (DurableTaskAttribute?)Attribute.GetCustomAttribute(type, typeof(DurableTaskAttribute));
        return new TaskName(attribute?.Name ?? type.Name);
    }
}
