namespace DurableAgents.Conformance.Tests.Scenarios;

/// <summary>What an orchestrator saw in a caught <c>TaskFailedException</c>.</summary>
public sealed record FailureReport(string TaskName, string ErrorType, string ErrorMessage);
