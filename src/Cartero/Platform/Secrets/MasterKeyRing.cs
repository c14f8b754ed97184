using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Cartero.Platform.Secrets;

/// <summary>
/// The AES-256 master keys, held outside the database. By default one file per key under
/// <c>&lt;data&gt;/keys/</c> (owner-only permissions), the newest being current; or one key from
/// <c>Cartero:Secrets:MasterKeyFile</c> / <c>Cartero:Secrets:MasterKey</c>.
/// </summary>
public sealed class MasterKeyRing
{
    private const string Extension = ".key";
    private readonly Lock _gate = new();
    private readonly string _folder;
    private readonly SecretsOptions _options;
    private Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private string? _current;

    public MasterKeyRing(DataDirectory data, IOptions<SecretsOptions> options)
    {
        _folder = data.Keys;
        _options = options.Value;
        Load();
    }

    /// <summary>Where the keys live, for messages that tell an operator what to restore.</summary>
    public string Location => _options.MasterKeyFile ?? (_options.MasterKey is not null ? "Cartero:Secrets:MasterKey" : _folder);

    public (string Id, byte[] Key) Current
    {
        get
        {
            lock (_gate)
            {
                if (_current is null)
                {
                    _current = CreateKeyFile();
                }

                return (_current, _keys[_current]);
            }
        }
    }

    /// <summary>The ids of every key held (the current one and those kept to open older values).</summary>
    public IReadOnlyCollection<string> Ids
    {
        get
        {
            lock (_gate)
            {
                return [.. _keys.Keys];
            }
        }
    }

    public bool TryGet(string id, out byte[] key)
    {
        lock (_gate)
        {
            return _keys.TryGetValue(id, out key!);
        }
    }

    /// <summary>Creates a new current key (old ones stay readable) and returns its id.</summary>
    public string Rotate()
    {
        if (_options.MasterKey is not null || _options.MasterKeyFile is not null)
        {
            throw new SecretKeyException(
                "La clave maestra viene de la configuración (Cartero:Secrets); rótela allí: agregue la nueva clave, ejecute 'keys rotate' sin esa opción o vuelva a cifrar los secretos guardándolos de nuevo.");
        }

        lock (_gate)
        {
            _current = CreateKeyFile();
            return _current;
        }
    }

    private void Load()
    {
        if (_options.MasterKey is { } inline)
        {
            _keys["config"] = Decode(inline, "Cartero:Secrets:MasterKey");
            _current = "config";
            return;
        }

        if (_options.MasterKeyFile is { } file)
        {
            if (!File.Exists(file))
            {
                throw new SecretKeyException($"No existe el archivo de clave maestra '{file}' (Cartero:Secrets:MasterKeyFile). Restáurelo desde su respaldo.");
            }

            _keys["archivo"] = Decode(File.ReadAllText(file).Trim(), file);
            _current = "archivo";
            return;
        }

        if (!Directory.Exists(_folder))
        {
            return;
        }

        foreach (var path in Directory.EnumerateFiles(_folder, "*" + Extension))
        {
            _keys[Path.GetFileNameWithoutExtension(path)] = Decode(File.ReadAllText(path).Trim(), path);
        }

        _current = _keys.Keys.Order(StringComparer.Ordinal).LastOrDefault();
    }

    private string CreateKeyFile()
    {
        if (!Directory.Exists(_folder))
        {
            Directory.CreateDirectory(_folder);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(_folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        // Sortable ids, strictly after every existing one: the newest key is the current one.
        var stamp = DateTime.UtcNow;
        string id;
        do
        {
            id = $"{stamp:yyyyMMddHHmmssfffffff}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
            stamp = stamp.AddTicks(1);
        }
        while (_keys.Keys.Any(k => string.CompareOrdinal(k, id) >= 0));
        var key = RandomNumberGenerator.GetBytes(32);
        var path = Path.Combine(_folder, id + Extension);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Convert.ToBase64String(key));
        }

        _keys[id] = key;
        return id;
    }

    private static byte[] Decode(string base64, string source)
    {
        try
        {
            var key = Convert.FromBase64String(base64);
            return key.Length == 32 ? key : throw new FormatException();
        }
        catch (FormatException)
        {
            throw new SecretKeyException($"La clave maestra de '{source}' no es válida: debe ser base64 de 32 bytes.");
        }
    }
}
