using System.Text;

namespace DurableAgents.Dashboard;

/// <summary>One embedded file of the front end.</summary>
internal sealed record DashboardAsset(string Name, string ContentType, byte[] Content, string ETag)
{
    public string Text => Encoding.UTF8.GetString(Content);
}
