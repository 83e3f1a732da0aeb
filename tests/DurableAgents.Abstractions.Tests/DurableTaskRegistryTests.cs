using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask;

namespace DurableAgents.Abstractions.Tests;

public class DurableTaskRegistryTests
{
    [Fact]
    public void AddOrchestrator_DuplicateNameInAnyCase_IsRejected()
    {
        var registry = new DurableTaskRegistry().AddOrchestratorFunc("Hello", _ => Task.FromResult(1));

        ArgumentException error = Assert.Throws<ArgumentException>(() => registry.AddOrchestratorFunc("HELLO", _ => Task.FromResult(2)));
        Assert.Contains("already registered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddActivity_DuplicateName_IsRejectedButOrchestratorOfSameNameIsAllowed()
    {
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<string, string>("Greet", (_, name) => $"hi {name}")
            .AddOrchestratorFunc("Greet", _ => Task.FromResult(0));

        Assert.Throws<ArgumentException>(() => registry.AddActivity<GreetActivity>());
        Assert.Single(registry.ActivityNames);
        Assert.Single(registry.OrchestratorNames);
    }

    [Fact]
    public void AddClasses_UseTypeNameOrAttributeName()
    {
        // The Type overload is what reflection-based discovery calls.
#pragma warning disable CA2263
        var registry = new DurableTaskRegistry().AddOrchestrator<PlainOrchestrator>().AddActivity(typeof(GreetActivity));
#pragma warning restore CA2263

        Assert.True(registry.TryGetOrchestrator("plainorchestrator", out _));
        Assert.True(registry.TryGetActivity("Greet", out _));
        Assert.False(registry.TryGetActivity(nameof(GreetActivity), out _));
    }

    [Fact]
    public async Task AddActivity_ClassWithDependency_IsCreatedThroughTheServiceProvider()
    {
        using ServiceProvider services = new ServiceCollection().AddSingleton(new Greeting("Howdy")).BuildServiceProvider();
        var registry = new DurableTaskRegistry().AddActivity<GreetActivity>();

        Assert.True(registry.TryGetActivity("greet", out Func<IServiceProvider, ITaskActivity>? factory));
        ITaskActivity activity = factory(services);

        Assert.Equal(typeof(string), activity.InputType);
        Assert.Equal("Howdy, Ana!", await activity.RunAsync(new FakeActivityContext(), "Ana"));
    }

    [Fact]
    public async Task AddActivityFunc_SyncAndAsyncForms_RunAndReportTypes()
    {
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<int, int>("Double", (_, n) => n * 2)
            .AddActivityFunc<int, string>("AsyncText", async (_, n) => await Task.FromResult($"#{n}"))
            .AddActivityFunc<int>("NoOutput", (_, _) => Task.CompletedTask);

        Assert.True(registry.TryGetActivity("Double", out var doubleFactory));
        Assert.True(registry.TryGetActivity("AsyncText", out var textFactory));
        Assert.True(registry.TryGetActivity("NoOutput", out var noOutputFactory));
        var context = new FakeActivityContext();
        Assert.Equal(8, await doubleFactory(EmptyServices.Instance).RunAsync(context, 4));
        Assert.Equal("#3", await textFactory(EmptyServices.Instance).RunAsync(context, 3));
        Assert.Null(await noOutputFactory(EmptyServices.Instance).RunAsync(context, 1));
        Assert.Equal(typeof(int), doubleFactory(EmptyServices.Instance).OutputType);
    }

    [Fact]
    public void AddOrchestratorFunc_Forms_ReportInputAndOutputTypes()
    {
        var registry = new DurableTaskRegistry()
            .AddOrchestratorFunc<int, string>("Typed", (_, n) => Task.FromResult(n.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .AddOrchestratorFunc("NoInput", _ => Task.FromResult(1))
            .AddOrchestratorFunc("NoOutput", _ => Task.CompletedTask);

        Assert.True(registry.TryGetOrchestrator("Typed", out var typed));
        Assert.True(registry.TryGetOrchestrator("NoOutput", out var noOutput));
        Assert.Equal(typeof(int), typed(EmptyServices.Instance).InputType);
        Assert.Equal(typeof(string), typed(EmptyServices.Instance).OutputType);
        Assert.Equal(typeof(object), noOutput(EmptyServices.Instance).OutputType);
        Assert.Equal(3, registry.OrchestratorNames.Count);
    }

    [Fact]
    public void TaskName_ValidatesAndFormatsVersion()
    {
        Assert.Throws<ArgumentException>(() => new TaskName(" "));
        Assert.Equal("Flow:2", new TaskName("Flow", "2").ToString());
        TaskName implicitName = "Flow";
        Assert.Equal("Flow", implicitName.ToString());
    }

    public sealed record Greeting(string Word);

    [DurableTask("Greet")]
    public sealed class GreetActivity(Greeting greeting) : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult($"{greeting.Word}, {input}!");
    }

    public sealed class PlainOrchestrator : TaskOrchestrator<int, int>
    {
        public override Task<int> RunAsync(TaskOrchestrationContext context, int input) => Task.FromResult(input);
    }

    private sealed class FakeActivityContext : TaskActivityContext
    {
        public override TaskName Name => "Greet";

        public override string InstanceId => "i-1";

        public override int TaskId => 7;
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
