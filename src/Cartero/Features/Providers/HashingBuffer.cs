using System.Security.Cryptography;

namespace Cartero.Features.Providers;

/// <summary>
/// A write-only stream that keeps what is written and hashes it (SHA-256) in the same pass, so a message serialised
/// once gives both its bytes and its hash without reading the bytes a second time.
/// </summary>
internal sealed class HashingBuffer : Stream
{
    private readonly MemoryStream _bytes = new(8 * 1024);
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _bytes.Length;

    public override long Position
    {
        get => _bytes.Length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _bytes.Write(buffer);
        _hash.AppendData(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    /// <summary>The bytes written and their hash; the buffer starts over.</summary>
    public SentMessage ToSentMessage()
    {
        var sent = new SentMessage(_bytes.ToArray(), Convert.ToHexStringLower(_hash.GetHashAndReset()));
        _bytes.SetLength(0);
        return sent;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _bytes.Dispose();
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
