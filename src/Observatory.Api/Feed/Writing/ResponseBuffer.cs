using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Observatory.Api.Feed.Writing;

/// <summary>
/// What a writer has written and not yet sent: kept in one array and handed to the response's pipe in blocks of
/// 256 KB. Writing values straight into the pipe asked it for a new span for every few values (its blocks are 4 KB),
/// and writing through <see cref="System.Buffers.IBufferWriter{T}"/> cost an interface call and a bounds check on
/// every few bytes; a copy into the array and one copy per block cost far less. The array is rented from the shared
/// pool and returned when the response is written: a new one for every page of an export went to the large object
/// heap and brought on collections of the whole heap.
/// </summary>
internal sealed class ResponseBuffer(PipeWriter body) : IDisposable
{
    private const int BlockSize = 256 * 1024;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BlockSize * 2);
    private int _written;

    public bool IsFull => _written >= BlockSize;

    /// <summary>Copies bytes after those written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _written)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(new Span<byte>(_buffer, _written, _buffer.Length - _written));
        _written += bytes.Length;
    }

    /// <summary>Room for at least <paramref name="size"/> bytes after those written; <see cref="Advance"/> says how many were used.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> GetSpan(int size)
    {
        if (size > _buffer.Length - _written)
        {
            Grow(size);
        }

        return new Span<byte>(_buffer, _written, _buffer.Length - _written);
    }

    public void Advance(int count) => _written += count;

    /// <summary>Hands what is written to the pipe and sends it.</summary>
    public async ValueTask SendAsync(CancellationToken cancellationToken)
    {
        if (_written > 0)
        {
            body.Write(new ReadOnlySpan<byte>(_buffer, 0, _written));
            _written = 0;
        }

        await body.FlushAsync(cancellationToken);
    }

    /// <summary>A row larger than the block (a long text, a wide expansion) makes room rather than failing.</summary>
    private void Grow(int size)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _written + size));
        _buffer.AsSpan(0, _written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
