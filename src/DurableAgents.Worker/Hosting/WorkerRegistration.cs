namespace DurableAgents.Worker.Hosting;

/// <summary>Marks a worker name as registered, so the same name is not added twice.</summary>
internal sealed record WorkerRegistration(string Name);
