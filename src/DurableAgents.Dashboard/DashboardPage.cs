using System.Net;
using DurableAgents.Management;

namespace DurableAgents.Dashboard;

/// <summary>
/// The dashboard's HTML: the embedded template with the management API's configured paths filled in, so the front end
/// calls the routes this host serves (Management:BasePath, Management:ApprovalsPath) without a configuration request.
/// </summary>
internal sealed class DashboardPage
{
    public const string TemplateName = "index.html";

    public DashboardPage(DashboardAssets assets, ManagementApiOptions options)
    {
        if (!assets.TryGet(TemplateName, out DashboardAsset template))
        {
            throw new InvalidOperationException($"The dashboard's {TemplateName} is missing from DurableAgents.Dashboard; rebuild the assembly.");
        }

        Html = template.Text
            .Replace("{{basePath}}", WebUtility.HtmlEncode(options.BasePath), StringComparison.Ordinal)
            .Replace("{{approvalsPath}}", WebUtility.HtmlEncode(options.ApprovalsPath), StringComparison.Ordinal)
            .Replace("{{assets}}", DashboardPaths.Assets, StringComparison.Ordinal)
            .Replace("{{apiReference}}", DashboardPaths.ApiReference + "/", StringComparison.Ordinal);
    }

    public string Html { get; }
}
