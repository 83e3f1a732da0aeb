using System.Globalization;
using System.Reflection;

namespace DurableAgents.Storage.Sqlite.Schema;

/// <summary>Loads the migration scripts embedded in this assembly (Migrations/NNNN_name.sql).</summary>
internal static class MigrationCatalog
{
    private const string ResourcePrefix = "DurableAgents.Storage.Sqlite.Migrations.";

    private static readonly Lazy<IReadOnlyList<SqlMigration>> Embedded = new(LoadEmbedded);

    /// <summary>All embedded migrations, ordered by version.</summary>
    public static IReadOnlyList<SqlMigration> All => Embedded.Value;

    private static IReadOnlyList<SqlMigration> LoadEmbedded()
    {
        Assembly assembly = typeof(MigrationCatalog).Assembly;
        var migrations = new List<SqlMigration>();
        foreach (string resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) ||
                !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            string name = resource[ResourcePrefix.Length..^".sql".Length];
            using Stream stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Embedded migration '{resource}' could not be opened.");
            using var reader = new StreamReader(stream);
            migrations.Add(new SqlMigration(ParseVersion(name), name, reader.ReadToEnd()));
        }

        return Validate(migrations);
    }

    /// <summary>Orders migrations and checks that versions are unique and start at 1 without gaps.</summary>
    public static IReadOnlyList<SqlMigration> Validate(IEnumerable<SqlMigration> migrations)
    {
        List<SqlMigration> ordered = migrations.OrderBy(m => m.Version).ToList();
        for (int i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"Migration versions must run 1, 2, 3 ... without gaps or repeats; found {ordered[i].Version} ('{ordered[i].Name}') at position {i + 1}.");
            }
        }

        return ordered;
    }

    private static int ParseVersion(string name)
    {
        int digits = 0;
        while (digits < name.Length && char.IsAsciiDigit(name[digits]))
        {
            digits++;
        }

        if (digits == 0 || digits >= name.Length || name[digits] != '_')
        {
            throw new InvalidOperationException(
                $"Embedded migration '{name}.sql' must be named NNNN_description.sql (for example 0002_add_index.sql).");
        }

        return int.Parse(name.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
