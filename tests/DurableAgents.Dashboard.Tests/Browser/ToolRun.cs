namespace DurableAgents.Dashboard.Tests.Browser;

/// <summary>How a tool run ended.</summary>
internal sealed record ToolRun(int ExitCode, string StandardOutput, string StandardError);
