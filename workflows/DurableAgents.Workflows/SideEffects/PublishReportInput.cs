namespace DurableAgents.Workflows.SideEffects;

/// <summary>Input of <see cref="PublishReportActivity"/>.</summary>
/// <param name="Channel">Where to publish (a channel or folder name).</param>
/// <param name="Title">The report's title.</param>
/// <param name="Body">The report's text.</param>
public sealed record PublishReportInput(string Channel, string Title, string Body);
