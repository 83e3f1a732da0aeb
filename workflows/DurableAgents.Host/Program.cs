using DurableAgents.Host;
using Microsoft.Extensions.Hosting;

// One command runs the main job: `dotnet run --project workflows/DurableAgents.Host`.
// With --Host:Mode=Worker it runs only the worker against a sidecar started separately.
if (DurableAgentsHost.ReadMode(args) == HostMode.Worker)
{
    using IHost worker = DurableAgentsHost.BuildWorker(args);
    await worker.RunAsync();
    return 0;
}

await using Microsoft.AspNetCore.Builder.WebApplication app = DurableAgentsHost.BuildAllInOne(args);
await app.RunAsync();
return 0;
