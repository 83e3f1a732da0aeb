using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DurableAgents.StepFunctions.Export;

namespace DurableAgents.StepFunctions.Equivalence.Tests.SfnLocal;

/// <summary>
/// An exported workflow as CloudFormation would deploy it: every <c>${Variable}</c> of the ASL text replaced by the ARN
/// of a Lambda function named after the variable (<c>${Activity_IssueRefund}</c> becomes
/// <c>arn:aws:lambda:us-east-1:123456789012:function:Activity_IssueRefund</c>), so the validators check real ARNs.
/// </summary>
internal static partial class ExportedDocument
{
    /// <summary>The account and region of the substituted ARNs.</summary>
    public const string FunctionArnPrefix = "arn:aws:lambda:us-east-1:123456789012:function:";

    /// <summary>The deployable text of <paramref name="definition"/>.</summary>
    public static string Deployable(WorkflowDefinition definition) => Substitute(AslExporter.ExportText(definition));

    /// <summary><paramref name="aslText"/> with its substitution variables replaced by function ARNs.</summary>
    public static string Substitute(string aslText) => Variable().Replace(aslText, m => FunctionArnPrefix + m.Groups[1].Value);

    /// <summary>The function name of an ARN written by <see cref="Substitute"/>, i.e. the substitution variable.</summary>
    public static string? VariableOf(string? arn) =>
        arn is not null && arn.StartsWith(FunctionArnPrefix, StringComparison.Ordinal) ? arn[FunctionArnPrefix.Length..] : null;

    /// <summary>The deployable document of <paramref name="definition"/> as JSON.</summary>
    public static JsonObject DeployableJson(WorkflowDefinition definition) => JsonNode.Parse(Deployable(definition))!.AsObject();

    [GeneratedRegex(@"\$\{([A-Za-z0-9_]+)\}")]
    private static partial Regex Variable();
}
