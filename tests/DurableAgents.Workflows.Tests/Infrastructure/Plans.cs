namespace DurableAgents.Workflows.Tests.Infrastructure;

/// <summary>Planner answers for tests that script the planner model.</summary>
internal static class Plans
{
    /// <summary>Three independent research steps, then an analysis that needs all three.</summary>
    public const string FanOut = """
        {"goal":"Compare three cloud providers","steps":[
          {"id":"aws","capability":"research","task":"Research AWS AI services","dependsOn":[]},
          {"id":"azure","capability":"research","task":"Research Azure AI services","dependsOn":[]},
          {"id":"gcp","capability":"research","task":"Research Google Cloud AI services","dependsOn":[]},
          {"id":"compare","capability":"analysis","task":"Compare the three providers","dependsOn":["aws","azure","gcp"]}]}
        """;

    /// <summary>A valid two-step plan.</summary>
    public const string TwoSteps = """
        Here is the plan:
        ```json
        {"goal":"Explain solar storage","steps":[
          {"id":"facts","capability":"research","task":"Gather facts on home batteries","dependsOn":[]},
          {"id":"text","capability":"writing","task":"Write the explanation","dependsOn":["facts"]}]}
        ```
        """;
}
