using DurableAgents.Sidecar;
using Microsoft.AspNetCore.Builder;

// Settings come from appsettings.json next to the executable, then environment variables (Sidecar__GrpcEndpoint=...)
// and the command line (--Sidecar:GrpcEndpoint=127.0.0.1:5001), as ASP.NET Core reads them.
WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.AddDurableAgentsSerilog();
builder.AddDurableAgentsSidecar();

await using WebApplication app = builder.Build();
app.MapDurableAgentsSidecar();
try
{
    await app.RunAsync();
}
catch (IOException error) when (error.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    // The log above holds the details; say what to change.
    await Console.Error.WriteLineAsync(
        $"{error.Message} Another process (perhaps another sidecar) uses the port: stop it, or choose other endpoints with Sidecar:GrpcEndpoint / Sidecar:HttpEndpoint (e.g. --Sidecar:GrpcEndpoint=127.0.0.1:4002).");
    return 1;
}

return 0;
