using DurableAgents.Management.Approvals;
using DurableAgents.Management.Handlers;
using DurableAgents.Management.Http;
using DurableAgents.Management.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DurableAgents.Management;

/// <summary>Maps the HTTP management API.</summary>
public static class ManagementEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the Durable Functions style routes under <see cref="ManagementApiOptions.BasePath"/>, the human approval
    /// routes under <see cref="ManagementApiOptions.ApprovalsPath"/> and the OpenAPI document at
    /// {BasePath}/openapi.json. Returns the group holding all of them, so callers can add conventions to every route.
    /// Requires <see cref="ManagementServiceCollectionExtensions.AddDurableTaskManagementApi"/> and a registered
    /// <see cref="Client.DurableTaskClient"/>.
    /// </summary>
    public static RouteGroupBuilder MapDurableTaskManagementApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<ManagementApi>() is null)
        {
            throw new InvalidOperationException(
                "The management API's services are missing. Call services.AddDurableTaskManagementApi() before app.MapDurableTaskManagementApi().");
        }

        ManagementApiOptions options = endpoints.ServiceProvider.GetRequiredService<IOptions<ManagementApiOptions>>().Value;

        // One outer group so the API key and the problem mapping apply to every management route, whatever its path.
        RouteGroupBuilder management = endpoints.MapGroup(string.Empty);
        management.AddEndpointFilter<ApiKeyEndpointFilter>();
        management.AddEndpointFilter<ManagementExceptionFilter>();

        RouteGroupBuilder durableTask = management.MapGroup(options.BasePath).WithTags("DurableTask");
        StartOrchestrationEndpoint.Map(durableTask);
        ListInstancesEndpoint.Map(durableTask);
        GetInstanceEndpoint.Map(durableTask);
        RaiseEventEndpoint.Map(durableTask);
        InstanceControlEndpoints.Map(durableTask);
        RestartInstanceEndpoint.Map(durableTask);
        PurgeInstanceEndpoint.Map(durableTask);
        PurgeInstancesEndpoint.Map(durableTask);
        OpenApiDocumentEndpoint.Map(durableTask);

        RouteGroupBuilder approvals = management.MapGroup(options.ApprovalsPath).WithTags("Approvals");
        ListApprovalsEndpoint.Map(approvals);
        AnswerApprovalEndpoint.Map(approvals);
        return management;
    }
}
