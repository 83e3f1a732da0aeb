using DurableAgents.Host;

// One command runs the main job: `dotnet run --project workflows/DurableAgents.Host` (--help lists the settings).
// With --Host:Mode=Worker it runs only the worker against a sidecar started separately.
return await HostProgram.RunAsync(args, Console.Out, Console.Error);
