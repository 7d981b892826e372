namespace Mimium.Runtime.Vm;

public sealed partial class VirtualMachine
{
    /// <summary>
    /// Creates a closure: its upvalues are shared cells (found among the open ones or made new),
    /// and it gets its own zeroed state storage sized by its function's skeleton.
    /// Returns the handle, or -1 when a table is full.
    /// </summary>
    private int NewClosure(int fn, int parentClosure, int bp)
    {
        var proto = _functions[fn];
        if (_closureCount >= _closureFn.Length || _upvalueRefCount + proto.Upvalues.Length > _upvalueRefs.Length) return -1;
        var state = AllocHeap(proto.StateSize);
        if (state < 0) return -1;
        var start = _upvalueRefCount;
        foreach (var d in proto.Upvalues)
        {
            int cell;
            if (d.FromParentLocal)
            {
                cell = FindOrOpenCell(bp + d.Index, d.Width);
                if (cell < 0) return -1;
            }
            else
            {
                cell = _upvalueRefs[_closureUpStart[parentClosure] + d.Index];
            }
            _upvalueRefs[_upvalueRefCount++] = cell;
        }
        var h = _closureCount++;
        _closureFn[h] = fn;
        _closureUpStart[h] = start;
        _closureState[h] = state;
        return h;
    }

    private int FindOrOpenCell(int stackIndex, int width)
    {
        for (var i = _openCount - 1; i >= 0; i--)
        {
            var c = _openCells[i];
            if (_cellStack[c] == stackIndex) return c;
        }
        if (_cellCount >= _cellStack.Length) return -1;
        var cell = _cellCount++;
        _cellStack[cell] = stackIndex;
        _cellHeap[cell] = -1;
        _cellWidth[cell] = width;
        _openCells[_openCount++] = cell;
        return cell;
    }

    /// <summary>Moves every open cell at or above a stack index to the heap (CLOSE).</summary>
    private void CloseFrom(int stackIndex)
    {
        var kept = 0;
        for (var i = 0; i < _openCount; i++)
        {
            var c = _openCells[i];
            if (_cellStack[c] >= stackIndex)
            {
                var w = _cellWidth[c];
                var at = AllocHeap(w);
                if (at < 0)
                {
                    // Out of heap: keep the cell open; it still reads the (now stale) stack slot.
                    _openCells[kept++] = c;
                    continue;
                }
                Array.Copy(_stack, _cellStack[c], _heap, at, w);
                _cellHeap[c] = at;
                _cellStack[c] = -1;
            }
            else
            {
                _openCells[kept++] = c;
            }
        }
        _openCount = kept;
    }

    private void ReadUpvalue(int closure, int index, double[] r, int dest, int width)
    {
        var c = _upvalueRefs[_closureUpStart[closure] + index];
        var s = _cellStack[c];
        if (s >= 0) Array.Copy(_stack, s, r, dest, width);
        else Array.Copy(_heap, _cellHeap[c], r, dest, width);
    }

    private void WriteUpvalue(int closure, int index, double[] r, int src, int width)
    {
        var c = _upvalueRefs[_closureUpStart[closure] + index];
        var s = _cellStack[c];
        if (s >= 0) Array.Copy(r, src, _stack, s, width);
        else Array.Copy(r, src, _heap, _cellHeap[c], width);
    }
}
