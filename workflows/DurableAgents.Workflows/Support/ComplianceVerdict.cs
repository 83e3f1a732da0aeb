using DurableAgents.Agents;
using DurableAgents.Agents.Calls;

namespace DurableAgents.Workflows.Support;

/// <summary>
/// The compliance agent's decision, read from a line of its answer that starts with <c>VERDICT:</c> followed by
/// <c>COMPLIANT</c> or <c>NON-COMPLIANT</c> and a reason. An answer from a model without that line counts as
/// non-compliant (fail closed). An Offline agent answers without a model, so its answer is not a check: the request
/// passes with <see cref="Checked"/> false.
/// </summary>
/// <param name="Compliant">True when the request may be answered.</param>
/// <param name="Reason">Why, as the agent said, or why no verdict was found.</param>
public sealed record ComplianceVerdict(bool Compliant, string Reason)
{
    /// <summary>The line prefix the verdict is read from.</summary>
    public const string LinePrefix = "VERDICT:";

    /// <summary>False when no model made the check (Offline agent).</summary>
    public bool Checked { get; init; } = true;

    /// <summary>Reads the verdict from the compliance agent's answer.</summary>
    public static ComplianceVerdict Read(AgentResult answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (string.Equals(answer.Provider, ModelProviders.Offline, StringComparison.OrdinalIgnoreCase))
        {
            return new ComplianceVerdict(true, "Not checked: the compliance agent runs on the Offline provider, which calls no model.")
            {
                Checked = false,
            };
        }

        foreach (string line in answer.Text.Split('\n'))
        {
            string trimmed = line.Trim();
            if (!trimmed.StartsWith(LinePrefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            string verdict = trimmed[LinePrefix.Length..].TrimStart();
            foreach (string refusal in (string[])["NON-COMPLIANT", "NONCOMPLIANT", "NOT COMPLIANT"])
            {
                if (verdict.StartsWith(refusal, StringComparison.OrdinalIgnoreCase))
                {
                    return new ComplianceVerdict(false, ReasonAfter(verdict, refusal.Length, "non-compliant"));
                }
            }

            if (verdict.StartsWith("COMPLIANT", StringComparison.OrdinalIgnoreCase))
            {
                return new ComplianceVerdict(true, ReasonAfter(verdict, "COMPLIANT".Length, "compliant"));
            }
        }

        return new ComplianceVerdict(
            false,
            $"The compliance agent '{answer.AgentName}' gave no '{LinePrefix} COMPLIANT' or '{LinePrefix} NON-COMPLIANT' line, "
            + "so the request is treated as non-compliant. Check the agent's system prompt.");
    }

    private static string ReasonAfter(string verdict, int length, string fallback)
    {
        string reason = verdict[length..].Trim().TrimStart('-', ':', '\u2014', '\u2013').Trim();
        return reason.Length == 0 ? fallback : reason;
    }
}
