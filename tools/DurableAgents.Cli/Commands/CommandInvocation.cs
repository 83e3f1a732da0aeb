using System.CommandLine;
using DurableAgents.Cli.Backends;
using DurableAgents.Cli.Output;

namespace DurableAgents.Cli.Commands;

/// <summary>What a command's action gets: its parsed arguments, a backend, where to write, and the clock.</summary>
internal sealed record CommandInvocation(ParseResult ParseResult, ICliBackend Backend, CliOutput Output, TimeProvider Time);
