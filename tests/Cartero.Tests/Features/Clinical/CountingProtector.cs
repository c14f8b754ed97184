using System.Collections.Concurrent;
using Cartero.Platform.Secrets;

namespace Cartero.Tests.Features.Clinical;

/// <summary>The real protector, counting how many values of each table it opened.</summary>
public sealed class CountingProtector(ISecretProtector inner, CountingProtector.Counts counts) : ISecretProtector
{
    public string Protect(string plaintext, SecretPurpose purpose) => inner.Protect(plaintext, purpose);

    public string Unprotect(string protectedValue, SecretPurpose purpose)
    {
        counts.Add(purpose.Table);
        return inner.Unprotect(protectedValue, purpose);
    }

    public string UnprotectLegacy(string protectedValue, SecretPurpose purpose)
    {
        counts.Add(purpose.Table);
        return inner.UnprotectLegacy(protectedValue, purpose);
    }

    /// <summary>Values opened per table.</summary>
    public sealed class Counts
    {
        private readonly ConcurrentDictionary<string, int> _byTable = new(StringComparer.Ordinal);

        public int Of(string table) => _byTable.GetValueOrDefault(table);

        public void Add(string table) => _byTable.AddOrUpdate(table, 1, (_, n) => n + 1);
    }
}
