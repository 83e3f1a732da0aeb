namespace DurableAgents.StepFunctions;

/// <summary>The builder of a Choice state: rules in order, then the default.</summary>
public sealed class ChoiceStepBuilder : StepBuilder<ChoiceStepBuilder>
{
    internal ChoiceStepBuilder(ChoiceState state)
        : base(state)
    {
    }

    /// <summary>Adds a rule: when <paramref name="condition"/> holds go to <paramref name="next"/>.</summary>
    public ChoiceStepBuilder When(Condition condition, string next)
    {
        var choice = (ChoiceState)Current;
        return Set(choice with { Choices = [.. choice.Choices, new ChoiceRule(condition, next)] });
    }

    /// <summary>ASL's <c>Default</c>: where to go when no rule matches.</summary>
    public ChoiceStepBuilder Otherwise(string next) => Set((ChoiceState)Current with { Default = next });
}
