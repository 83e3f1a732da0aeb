using System.Globalization;
using Amazon.DynamoDBv2.Model;
using DurableAgents.Storage.DynamoDb.Items;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.DynamoDb.Writing;

/// <summary>Turns the <see cref="InstanceCondition"/>s on one instance row into one condition expression, and evaluates them on a row read back.</summary>
internal static class ConditionExpressions
{
    private static readonly OrchestrationStatus[] TerminalStatuses =
        [.. Enum.GetValues<OrchestrationStatus>().Where(s => s.IsTerminal())];

    public static (string Expression, Dictionary<string, string> Names, Dictionary<string, AttributeValue> Values) Build(
        IReadOnlyList<InstanceCondition> conditions)
    {
        var names = new Dictionary<string, string>();
        var values = new Dictionary<string, AttributeValue>();
        var terms = new List<string>(conditions.Count);
        for (int i = 0; i < conditions.Count; i++)
        {
            InstanceCondition condition = conditions[i];
            switch (condition.Kind)
            {
                case InstanceConditionKind.Absent:
                    terms.Add("attribute_not_exists(pk)");
                    break;
                case InstanceConditionKind.NotActive:
                    names["#st"] = InstanceItems.Status;
                    var placeholders = new List<string>();
                    foreach (OrchestrationStatus status in TerminalStatuses)
                    {
                        string placeholder = string.Create(CultureInfo.InvariantCulture, $":t{(int)status}");
                        values[placeholder] = AttributeValues.N((int)status);
                        placeholders.Add(placeholder);
                    }

                    terms.Add($"(attribute_not_exists(pk) OR #st IN ({string.Join(", ", placeholders)}))");
                    break;
                case InstanceConditionKind.RowVersionEquals:
                    names["#rv"] = InstanceItems.RowVersion;
                    string version = string.Create(CultureInfo.InvariantCulture, $":rv{i}");
                    values[version] = AttributeValues.N(condition.RowVersion);
                    terms.Add($"#rv = {version}");
                    break;
                default:
                    throw new ArgumentException(
                        string.Create(CultureInfo.InvariantCulture, $"Unknown instance condition kind {(int)condition.Kind} for instance '{condition.InstanceId}'."),
                        nameof(conditions));
            }
        }

        return (string.Join(" AND ", terms), names, values);
    }

    /// <summary>The first condition that does not hold on <paramref name="row"/> (null: no row), or null when all hold.</summary>
    public static InstanceCondition? FirstFailed(IReadOnlyList<InstanceCondition> conditions, Dictionary<string, AttributeValue>? row)
    {
        bool exists = row is { Count: > 0 };
        foreach (InstanceCondition condition in conditions)
        {
            bool holds = condition.Kind switch
            {
                InstanceConditionKind.Absent => !exists,
                InstanceConditionKind.NotActive => !exists || ((OrchestrationStatus)AttributeValues.GetLong(row!, InstanceItems.Status)).IsTerminal(),
                InstanceConditionKind.RowVersionEquals => exists && AttributeValues.GetLong(row!, InstanceItems.RowVersion) == condition.RowVersion,
                _ => false,
            };
            if (!holds)
            {
                return condition;
            }
        }

        return null;
    }
}
