using DurableAgents.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Management.Tests.Infrastructure;

/// <summary>The management API on real Kestrel at 127.0.0.1 with an OS-assigned port, over a given client.</summary>
internal sealed class ManagementServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ManagementServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ManagementServer> StartAsync(
        DurableTaskClient client,
        IInstanceHistoryReader histories,
        IDictionary<string, string?>? configuration = null,
        IOrchestratorCatalog? catalog = null,
        bool includeEnvironment = true,
        IOrchestratorInputTypes? inputTypes = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        if (!includeEnvironment)
        {
            // Leaves only the sources added below, so settings can come from nowhere but the test (and the process
            // environment the API itself reads as a fallback).
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddInMemoryCollection();
        }

        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (configuration is not null)
        {
            builder.Configuration.AddInMemoryCollection(configuration);
        }

        builder.Services.AddSingleton(client);
        builder.Services.AddSingleton(histories);
        if (catalog is not null)
        {
            builder.Services.AddSingleton(catalog);
        }

        if (inputTypes is not null)
        {
            builder.Services.AddSingleton(inputTypes);
        }

        builder.Services.AddDurableTaskManagementApi();

        WebApplication app = builder.Build();
        app.UseDurableTaskManagementProblems();
        app.MapDurableTaskManagementApi();
        await app.StartAsync();

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ManagementServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
