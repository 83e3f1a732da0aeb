using DurableAgents.Agents;
using DurableAgents.Agents.Calls;
using DurableAgents.Workflows.Support;

namespace DurableAgents.Workflows.Tests.Support;

public sealed class ComplianceVerdictTests
{
    [Theory]
    [InlineData("All good.\nVERDICT: COMPLIANT", true, "compliant")]
    [InlineData("verdict: compliant — within the refund policy", true, "within the refund policy")]
    [InlineData("Asks for a password.\n  VERDICT: NON-COMPLIANT - asks for credentials  ", false, "asks for credentials")]
    [InlineData("VERDICT: NOT COMPLIANT: legal advice", false, "legal advice")]
    public void Read_ModelAnswerWithVerdictLine_ReadsDecisionAndReason(string text, bool compliant, string reason)
    {
        ComplianceVerdict verdict = ComplianceVerdict.Read(new AgentResult("compliance", text) { Provider = "Bedrock" });

        Assert.Equal(compliant, verdict.Compliant);
        Assert.Equal(reason, verdict.Reason);
        Assert.True(verdict.Checked);
    }

    [Fact]
    public void Read_ModelAnswerWithoutVerdict_FailsClosed()
    {
        ComplianceVerdict verdict = ComplianceVerdict.Read(new AgentResult("compliance", "I think this is COMPLIANT.") { Provider = "Bedrock" });

        Assert.False(verdict.Compliant);
        Assert.Contains("gave no 'VERDICT: COMPLIANT'", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OfflineAnswer_PassesUnchecked()
    {
        ComplianceVerdict verdict = ComplianceVerdict.Read(new AgentResult("compliance", "VERDICT: NON-COMPLIANT echoed") { Provider = ModelProviders.Offline });

        Assert.True(verdict.Compliant);
        Assert.False(verdict.Checked);
    }
}
