using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DurableAgents.StepFunctions.Export;

/// <summary>
/// Writes the CloudFormation template that deploys an exported workflow: an <c>AWS::StepFunctions::StateMachine</c>
/// whose <c>DefinitionString</c> is the ASL text (so the template carries the exact text of the <c>.asl.json</c> file),
/// with one template Parameter per <c>${...}</c> variable of the ASL passed in <c>DefinitionSubstitutions</c>, and an
/// <c>AWS::IAM::Role</c> the state machine runs as, allowed <c>lambda:InvokeFunction</c> on exactly those functions and
/// <c>bedrock:InvokeModel</c> on exactly the foundation models of the agents called through Bedrock. Every variable is
/// a Lambda function ARN (activities, the InvokeAgent function, the approval function). Keys are written in a fixed
/// order, so the same definition always gives the same text.
/// </summary>
public static partial class CloudFormationTemplate
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The substitution variables of an exported ASL text, in order of first use: the <c>${...}</c> values the exporter
    /// writes, which are always a whole Task field (<c>Resource</c>, or <c>Parameters.FunctionName</c> of an integration
    /// such as the approval's). They are found by walking the states (into Parallel branches and Map processors), not by
    /// scanning the text, so a <c>${...}</c> that is only part of a state's data (a prompt, a Pass result) never becomes a
    /// template parameter.
    /// </summary>
    public static IReadOnlyList<string> SubstitutionVariables(string aslText)
    {
        ArgumentNullException.ThrowIfNull(aslText);
        var found = new List<string>();
        CollectVariables(JsonNode.Parse(aslText)?.AsObject() ?? [], found);
        return [.. found.Distinct(StringComparer.Ordinal)];
    }

    private static void CollectVariables(JsonObject machine, List<string> found)
    {
        if (machine["States"] is not JsonObject states)
        {
            return;
        }

        foreach ((string _, JsonNode? node) in states)
        {
            if (node is not JsonObject state)
            {
                continue;
            }

            switch (state["Type"]?.GetValue<string>())
            {
                case "Task":
                    AddVariable(state["Resource"], found);
                    AddVariable((state["Parameters"] as JsonObject)?["FunctionName"], found);
                    break;
                case "Parallel" when state["Branches"] is JsonArray branches:
                    foreach (JsonObject branch in branches.OfType<JsonObject>())
                    {
                        CollectVariables(branch, found);
                    }

                    break;
                case "Map" when (state["ItemProcessor"] ?? state["Iterator"]) is JsonObject processor:
                    CollectVariables(processor, found);
                    break;
            }
        }
    }

    private static void AddVariable(JsonNode? field, List<string> found)
    {
        if (field is JsonValue value && value.TryGetValue(out string? text) && WholeVariable().Match(text) is { Success: true } match)
        {
            found.Add(match.Groups[1].Value);
        }
    }

    /// <summary>The template Parameter that supplies <paramref name="variable"/>: CloudFormation logical ids are alphanumeric.</summary>
    public static string ParameterName(string variable) => new([.. variable.Where(char.IsAsciiLetterOrDigit)]);

    /// <summary>The template of <paramref name="definition"/> exported with <paramref name="options"/>.</summary>
    /// <exception cref="NotSupportedException">The definition cannot be exported, or two variables share a parameter name.</exception>
    public static JsonObject Create(WorkflowDefinition definition, AslExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        options ??= AslExportOptions.Default;
        string asl = AslExporter.ExportText(definition, options);
        IReadOnlyList<string> variables = SubstitutionVariables(asl);

        var parameters = new JsonObject();
        var substitutions = new JsonObject();
        var functions = new JsonArray();
        foreach (string variable in variables)
        {
            string parameter = ParameterName(variable);
            if (parameters.ContainsKey(parameter))
            {
                throw new NotSupportedException(
                    $"The variables '{variable}' and another of the workflow '{definition.Name}' both become the template parameter '{parameter}'; rename one of their activities.");
            }

            parameters[parameter] = new JsonObject
            {
                ["Type"] = "String",
                ["Description"] = Describe(variable),
            };
            substitutions[variable] = new JsonObject { ["Ref"] = parameter };
            functions.Add(new JsonObject { ["Ref"] = parameter });
        }

        var statements = new JsonArray();
        if (functions.Count > 0)
        {
            statements.Add(new JsonObject
            {
                ["Effect"] = "Allow",
                ["Action"] = "lambda:InvokeFunction",
                ["Resource"] = functions,
            });
        }

        string[] models = [.. UsedBedrockModels(definition.Machine, options).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        if (models.Length > 0)
        {
            statements.Add(new JsonObject
            {
                ["Effect"] = "Allow",
                ["Action"] = "bedrock:InvokeModel",
                ["Resource"] = new JsonArray([.. models.Select(m => (JsonNode)new JsonObject
                {
                    ["Fn::Sub"] = $"arn:${{AWS::Partition}}:bedrock:${{AWS::Region}}::foundation-model/{m}",
                })]),
            });
        }

        var role = new JsonObject
        {
            ["AssumeRolePolicyDocument"] = PolicyDocument(new JsonObject
            {
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["Service"] = "states.amazonaws.com" },
                ["Action"] = "sts:AssumeRole",
            }),
        };
        if (statements.Count > 0)
        {
            role["Policies"] = new JsonArray(new JsonObject
            {
                ["PolicyName"] = "InvokeWorkflowTasks",
                ["PolicyDocument"] = PolicyDocument([.. statements.Select(s => s!.DeepClone())]),
            });
        }

        var machine = new JsonObject
        {
            ["StateMachineType"] = "STANDARD",
            ["RoleArn"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray("StateMachineRole", "Arn") },
            ["DefinitionString"] = asl,
        };
        if (substitutions.Count > 0)
        {
            machine["DefinitionSubstitutions"] = substitutions;
        }

        var template = new JsonObject
        {
            ["AWSTemplateFormatVersion"] = "2010-09-09",
            ["Description"] = $"The declarative workflow '{definition.Name}' as a Step Functions state machine, exported by DurableAgents.",
        };
        if (parameters.Count > 0)
        {
            template["Parameters"] = parameters;
        }

        template["Resources"] = new JsonObject
        {
            ["StateMachineRole"] = new JsonObject { ["Type"] = "AWS::IAM::Role", ["Properties"] = role },
            ["StateMachine"] = new JsonObject { ["Type"] = "AWS::StepFunctions::StateMachine", ["Properties"] = machine },
        };
        template["Outputs"] = new JsonObject
        {
            ["StateMachineArn"] = new JsonObject { ["Value"] = new JsonObject { ["Ref"] = "StateMachine" } },
        };
        return template;
    }

    /// <summary>The template as indented JSON text with '\n' line ends.</summary>
    public static string CreateText(WorkflowDefinition definition, AslExportOptions? options = null) =>
        Create(definition, options).ToJsonString(Indented).ReplaceLineEndings("\n");

    private static JsonObject PolicyDocument(params JsonNode[] statements) => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(statements),
    };

    private static string Describe(string variable) => variable switch
    {
        AslExporter.InvokeAgentFunctionVariable => "ARN of the Lambda function that runs an agent: it receives {AgentName, Prompt, Context} and returns the agent result, as the InvokeAgent activity does.",
        AslExporter.ApprovalFunctionVariable => "ARN of the Lambda function that publishes an approval ({TaskToken, ApprovalName, Details, ExecutionId}); the answer is sent later with SendTaskSuccess and {outcome, approver, comment, decidedAt}.",
        _ when variable.StartsWith("Activity_", StringComparison.Ordinal) =>
            $"ARN of the Lambda function for the activity {variable["Activity_".Length..]}: it receives the state's effective input and returns the activity's result.",
        _ => $"ARN of the Lambda function {variable}.",
    };

    private static IEnumerable<string> UsedBedrockModels(StateMachine machine, AslExportOptions options)
    {
        foreach (State state in machine.States)
        {
            switch (state)
            {
                case AgentState agent when options.BedrockAgents.TryGetValue(agent.AgentName, out BedrockAgentModel? model):
                    yield return model.ModelId;
                    break;
                case ParallelState parallel:
                    foreach (string model in parallel.Branches.SelectMany(b => UsedBedrockModels(b, options)))
                    {
                        yield return model;
                    }

                    break;
                case MapState { ItemProcessor: { } processor }:
                    foreach (string model in UsedBedrockModels(processor, options))
                    {
                        yield return model;
                    }

                    break;
            }
        }
    }

    [GeneratedRegex(@"^\$\{([A-Za-z0-9_]+)\}$")]
    private static partial Regex WholeVariable();
}
