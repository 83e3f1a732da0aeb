namespace DurableAgents.Converters;

/// <summary>Turns inputs, outputs and event payloads into the JSON text the protocol carries, and back.</summary>
public abstract class DataConverter
{
    /// <summary>Serializes a value; null stays null.</summary>
    public abstract string? Serialize(object? value);

    /// <summary>Deserializes text into <paramref name="targetType"/>; null text gives null.</summary>
    public abstract object? Deserialize(string? data, Type targetType);

    /// <summary>Deserializes text into <typeparamref name="T"/>; null text gives default(T), also for value types.</summary>
    public T? Deserialize<T>(string? data) => Deserialize(data, typeof(T)) is T value ? value : default;
}
