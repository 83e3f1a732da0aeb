global using DurableAgents.Actions;
global using DurableAgents.History;
global using DurableAgents.Replay.Tests.Support;
