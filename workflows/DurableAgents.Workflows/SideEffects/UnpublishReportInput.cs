namespace DurableAgents.Workflows.SideEffects;

/// <summary>Input of <see cref="UnpublishReportActivity"/>.</summary>
/// <param name="Channel">Where the report was published.</param>
/// <param name="ReportId">The report to withdraw.</param>
public sealed record UnpublishReportInput(string Channel, string ReportId);
