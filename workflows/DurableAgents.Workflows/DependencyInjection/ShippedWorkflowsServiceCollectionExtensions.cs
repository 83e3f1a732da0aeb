using System.Diagnostics.CodeAnalysis;
using DurableAgents.Agents;
using DurableAgents.Workflows.Declarative.Refunds;
using DurableAgents.Workflows.SideEffects;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DurableAgents.Workflows.DependencyInjection;

/// <summary>Registers the services the shipped workflows' activities need.</summary>
public static class ShippedWorkflowsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the agent layer (<c>AddAgents</c>: section "Agents") and the side-effect ledger: a
    /// <see cref="FileSideEffectLedger"/> when "Workflows:LedgerPath" is set, else an <see cref="InMemorySideEffectLedger"/>.
    /// Services registered before this call (an <see cref="ISideEffectLedger"/>, an <see cref="IChatClientFactory"/>)
    /// are kept. Also the <see cref="SimulatedPaymentGateway"/> of RefundSaga's payment step. Pair it with <c>registry.AddShippedWorkflows()</c>.
    /// </summary>
    [RequiresUnreferencedCode("Binds configuration by reflection.")]
    public static IServiceCollection AddShippedWorkflowServices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddAgents(configuration);
        services.AddOptions<ShippedWorkflowsOptions>().Bind(configuration.GetSection(ShippedWorkflowsOptions.SectionName));
        services.TryAddSingleton<ISideEffectLedger>(sp =>
        {
            string? path = sp.GetRequiredService<IOptions<ShippedWorkflowsOptions>>().Value.LedgerPath;
            TimeProvider time = sp.GetService<TimeProvider>() ?? TimeProvider.System;
            return string.IsNullOrWhiteSpace(path) ? new InMemorySideEffectLedger(time) : new FileSideEffectLedger(path, time);
        });
        services.TryAddSingleton<SimulatedPaymentGateway>();
        return services;
    }
}
