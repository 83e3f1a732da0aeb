namespace DurableAgents.Benchmarks.Engine;

/// <summary>Option parsing for the sub-commands (flags are in <see cref="Statistics"/>).</summary>
internal static class CommandLine
{
    /// <summary>The value after <paramref name="option"/>, or null.</summary>
    public static string? Option(string[] args, string option)
    {
        int index = Array.FindIndex(args, a => string.Equals(a, option, StringComparison.OrdinalIgnoreCase));
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>The value after <paramref name="option"/>; throws a message that names the option when it is missing.</summary>
    public static string Required(string[] args, string option, string command) =>
        Option(args, option) ?? throw new ArgumentException($"The {command} sub-command needs {option} <value>.", nameof(args));
}
