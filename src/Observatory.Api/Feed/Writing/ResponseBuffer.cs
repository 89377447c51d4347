using System.Buffers;
using System.IO.Pipelines;

namespace Observatory.Api.Feed.Writing;

/// <summary>
/// What a writer has written and not yet sent: kept in one growing buffer and handed to the response's pipe in
/// blocks of a few tens of kilobytes. Writing values straight into the pipe asked it for a new span for every few
/// values (its blocks are 4 KB); one copy per block costs far less.
/// </summary>
internal sealed class ResponseBuffer(PipeWriter body) : IBufferWriter<byte>
{
    private const int BlockSize = 256 * 1024;
    private readonly ArrayBufferWriter<byte> _pending = new(BlockSize * 2);

    public bool IsFull => _pending.WrittenCount >= BlockSize;

    public void Advance(int count) => _pending.Advance(count);

    public Memory<byte> GetMemory(int sizeHint = 0) => _pending.GetMemory(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => _pending.GetSpan(sizeHint);

    /// <summary>Hands what is written to the pipe and sends it.</summary>
    public async ValueTask SendAsync(CancellationToken cancellationToken)
    {
        if (_pending.WrittenCount > 0)
        {
            body.Write(_pending.WrittenSpan);
            _pending.ResetWrittenCount();
        }

        await body.FlushAsync(cancellationToken);
    }
}
