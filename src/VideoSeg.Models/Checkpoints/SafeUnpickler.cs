using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using VideoSeg.Core;
using static TorchSharp.torch;

namespace VideoSeg.Models.Checkpoints;

/// <summary>
/// A pickle virtual machine for the subset of protocols 2–5 that <c>torch.save</c> emits. It never
/// imports or runs anything: GLOBAL names are checked against an allow-list the moment they are
/// read, and each allowed name is interpreted here by a fixed C# rule that builds plain values.
/// </summary>
internal sealed class SafeUnpickler
{
    private const int MaxStackDepth = 1 << 20;

    private static readonly HashSet<string> s_allowedGlobals = new(StringComparer.Ordinal)
    {
        "collections.OrderedDict",
        "torch._utils._rebuild_tensor_v2",
        "torch._utils._rebuild_parameter",
        "torch.Size",
        "builtins.set",
        "builtins.frozenset",
        "__builtin__.set",
        "__builtin__.frozenset",
        "_codecs.encode",
        "numpy.dtype",
        "numpy.core.multiarray.scalar",
        "numpy._core.multiarray.scalar",
    };

    private readonly byte[] _data;
    private readonly string _path;
    private readonly CheckpointArchive _archive;
    private readonly List<CheckpointValue> _stack = [];
    private readonly Stack<int> _marks = new();
    private readonly Dictionary<long, CheckpointValue> _memo = [];
    private int _position;

    public SafeUnpickler(byte[] data, string path, CheckpointArchive archive)
    {
        _data = data;
        _path = path;
        _archive = archive;
    }

    /// <summary>Whether <c>module.name</c> may appear in a checkpoint.</summary>
    public static bool IsAllowed(string module, string name) =>
        s_allowedGlobals.Contains(module + "." + name) || TorchStorageTypes.TryGetElementType(module, name, out _);

    /// <summary>Runs the pickle to its STOP opcode and returns the value it leaves.</summary>
    public CheckpointValue Run()
    {
        while (true)
        {
            int offset = _position;
            byte opcode = ReadByte();
            switch (opcode)
            {
                case PickleOpcode.Proto:
                    byte protocol = ReadByte();
                    if (protocol > 5)
                    {
                        throw Corrupt($"pickle protocol {protocol} is newer than 5");
                    }

                    break;
                case PickleOpcode.Frame:
                    ReadBytes(8);
                    break;
                case PickleOpcode.Stop:
                    CheckpointValue result = Pop();
                    RejectInternalValues(result);
                    return result;
                case PickleOpcode.Mark:
                    _marks.Push(_stack.Count);
                    break;
                case PickleOpcode.Pop:
                    Pop();
                    break;
                case PickleOpcode.PopMark:
                    PopToMark();
                    break;
                case PickleOpcode.Dup:
                    Push(Peek());
                    break;
                case PickleOpcode.None:
                    Push(CheckpointNone.Instance);
                    break;
                case PickleOpcode.NewTrue:
                    Push(new CheckpointBoolean(true));
                    break;
                case PickleOpcode.NewFalse:
                    Push(new CheckpointBoolean(false));
                    break;
                case PickleOpcode.BinInt:
                    Push(new CheckpointInteger(BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4))));
                    break;
                case PickleOpcode.BinInt1:
                    Push(new CheckpointInteger(ReadByte()));
                    break;
                case PickleOpcode.BinInt2:
                    Push(new CheckpointInteger(BinaryPrimitives.ReadUInt16LittleEndian(ReadBytes(2))));
                    break;
                case PickleOpcode.Long1:
                    Push(new CheckpointInteger(ReadLong(ReadByte())));
                    break;
                case PickleOpcode.Long4:
                    Push(new CheckpointInteger(ReadLong(ReadLength(4))));
                    break;
                case PickleOpcode.BinFloat:
                    Push(new CheckpointFloat(BinaryPrimitives.ReadDoubleBigEndian(ReadBytes(8))));
                    break;
                case PickleOpcode.BinUnicode:
                    Push(new CheckpointString(ReadUtf8(ReadLength(4))));
                    break;
                case PickleOpcode.ShortBinUnicode:
                    Push(new CheckpointString(ReadUtf8(ReadByte())));
                    break;
                case PickleOpcode.BinUnicode8:
                    Push(new CheckpointString(ReadUtf8(ReadLength(8))));
                    break;
                case PickleOpcode.ShortBinBytes:
                    Push(new CheckpointBytes(ReadBytes(ReadByte()).ToArray()));
                    break;
                case PickleOpcode.BinBytes:
                    Push(new CheckpointBytes(ReadBytes(ReadLength(4)).ToArray()));
                    break;
                case PickleOpcode.BinBytes8:
                    Push(new CheckpointBytes(ReadBytes(ReadLength(8)).ToArray()));
                    break;
                case PickleOpcode.EmptyDict:
                    Push(new CheckpointDict([], isOrderedDict: false));
                    break;
                case PickleOpcode.EmptyList:
                    Push(new CheckpointList([]));
                    break;
                case PickleOpcode.EmptySet:
                    Push(new CheckpointList([]));
                    break;
                case PickleOpcode.EmptyTuple:
                    Push(new CheckpointTuple([]));
                    break;
                case PickleOpcode.Tuple:
                    Push(new CheckpointTuple(PopToMark().ToArray()));
                    break;
                case PickleOpcode.Tuple1:
                case PickleOpcode.Tuple2:
                case PickleOpcode.Tuple3:
                    PushTuple(opcode - PickleOpcode.Tuple1 + 1);
                    break;
                case PickleOpcode.FrozenSet:
                    Push(new CheckpointTuple(PopToMark().ToArray()));
                    break;
                case PickleOpcode.BinPut:
                    _memo[ReadByte()] = Peek();
                    break;
                case PickleOpcode.LongBinPut:
                    _memo[BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4))] = Peek();
                    break;
                case PickleOpcode.Memoize:
                    _memo[_memo.Count] = Peek();
                    break;
                case PickleOpcode.BinGet:
                    Push(MemoGet(ReadByte()));
                    break;
                case PickleOpcode.LongBinGet:
                    Push(MemoGet(BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4))));
                    break;
                case PickleOpcode.Append:
                    {
                        CheckpointValue item = Pop();
                        AsList(Peek(), "APPEND").Add(item);
                        break;
                    }

                case PickleOpcode.Appends:
                case PickleOpcode.AddItems:
                    {
                        List<CheckpointValue> items = PopToMark();
                        CheckpointList list = AsList(Peek(), opcode == PickleOpcode.Appends ? "APPENDS" : "ADDITEMS");
                        foreach (CheckpointValue item in items)
                        {
                            list.Add(item);
                        }

                        break;
                    }

                case PickleOpcode.SetItem:
                    {
                        CheckpointValue value = Pop();
                        CheckpointValue key = Pop();
                        AsDictionary(Peek(), "SETITEM").Set(key, value);
                        break;
                    }

                case PickleOpcode.SetItems:
                    {
                        List<CheckpointValue> items = PopToMark();
                        if (items.Count % 2 != 0)
                        {
                            throw Corrupt($"SETITEMS at byte {offset} has an odd number of items");
                        }

                        CheckpointDict dictionary = AsDictionary(Peek(), "SETITEMS");
                        for (int i = 0; i < items.Count; i += 2)
                        {
                            dictionary.Set(items[i], items[i + 1]);
                        }

                        break;
                    }

                case PickleOpcode.Global:
                    {
                        string module = ReadLine();
                        string name = ReadLine();
                        Push(ResolveGlobal(module, name));
                        break;
                    }

                case PickleOpcode.StackGlobal:
                    {
                        string name = AsString(Pop(), "STACK_GLOBAL's name");
                        string module = AsString(Pop(), "STACK_GLOBAL's module");
                        Push(ResolveGlobal(module, name));
                        break;
                    }

                case PickleOpcode.Reduce:
                case PickleOpcode.NewObj:
                    {
                        CheckpointValue arguments = Pop();
                        CheckpointValue callable = Pop();
                        Push(Call(callable, arguments));
                        break;
                    }

                case PickleOpcode.Build:
                    {
                        CheckpointValue state = Pop();
                        Build(Peek(), state);
                        break;
                    }

                case PickleOpcode.BinPersId:
                    Push(PersistentLoad(Pop()));
                    break;
                default:
                    throw Corrupt($"unsupported pickle opcode 0x{opcode:x2} at byte {offset}");
            }
        }
    }

    private GlobalValue ResolveGlobal(string module, string name)
    {
        if (!IsAllowed(module, name))
        {
            throw new VideoSegException(
                ErrorCodes.InvalidArgument,
                $"Refusing to load '{_path}': it references '{module}.{name}', which is not on the allow-list of checkpoint types.",
                _path);
        }

        return new GlobalValue(new PickleGlobal(module, name));
    }

    private CheckpointValue Call(CheckpointValue callable, CheckpointValue arguments)
    {
        if (callable is not GlobalValue { Global: PickleGlobal function })
        {
            throw Corrupt("REDUCE called something that is not a global");
        }

        IReadOnlyList<CheckpointValue> args = arguments is CheckpointTuple tuple
            ? tuple.Items
            : throw Corrupt($"'{function.FullName}' was called without an argument tuple");
        switch (function.FullName)
        {
            case "collections.OrderedDict":
                {
                    var dictionary = new CheckpointDict([], isOrderedDict: true);
                    if (args.Count == 1 && args[0] is CheckpointList pairs)
                    {
                        foreach (CheckpointValue pair in pairs.Items)
                        {
                            if (pair is not CheckpointTuple { Items.Count: 2 } kv)
                            {
                                throw Corrupt("OrderedDict was given something other than key-value pairs");
                            }

                            dictionary.Set(kv.Items[0], kv.Items[1]);
                        }
                    }
                    else if (args.Count != 0)
                    {
                        throw Corrupt("OrderedDict was called with unexpected arguments");
                    }

                    return dictionary;
                }

            case "torch._utils._rebuild_tensor_v2":
                return RebuildTensor(args);
            case "torch._utils._rebuild_parameter":
                if (args.Count < 2 || args[0] is not CheckpointTensor data || args[1] is not CheckpointBoolean requiresGrad)
                {
                    throw Corrupt("_rebuild_parameter expects (tensor, requires_grad, hooks)");
                }

                return data with { RequiresGrad = requiresGrad.Value };
            case "torch.Size":
                return args.Count == 1 && args[0] is CheckpointTuple size ? size : new CheckpointTuple([]);
            case "builtins.set":
            case "__builtin__.set":
                return new CheckpointList(args.Count == 1 ? Elements(args[0]) : []);
            case "builtins.frozenset":
            case "__builtin__.frozenset":
                return new CheckpointTuple(args.Count == 1 ? Elements(args[0]).ToArray() : []);
            case "_codecs.encode":
                // Protocol 2 pickles Python 3 bytes as _codecs.encode(text, 'latin1'): one char per byte.
                if (args.Count == 2 && args[0] is CheckpointString text && args[1] is CheckpointString { Value: "latin1" or "latin-1" })
                {
                    return new CheckpointBytes(Encoding.Latin1.GetBytes(text.Value));
                }

                throw Corrupt("_codecs.encode is allowed only as encode(text, 'latin1')");
            case "numpy.dtype":
                return args.Count >= 1 && args[0] is CheckpointString code
                    ? new DTypeValue(new NumpyDType(code.Value))
                    : throw Corrupt("numpy.dtype expects a type code");
            case "numpy.core.multiarray.scalar":
            case "numpy._core.multiarray.scalar":
                return NumpyScalar(args);
            default:
                throw Corrupt($"'{function.FullName}' cannot be called");
        }
    }

    private IEnumerable<CheckpointValue> Elements(CheckpointValue value) => value switch
    {
        CheckpointList list => list.Items,
        CheckpointTuple tuple => tuple.Items,
        _ => throw Corrupt("a set was built from something other than a list"),
    };

    private CheckpointTensor RebuildTensor(IReadOnlyList<CheckpointValue> args)
    {
        // _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
        if (args.Count < 5
            || args[0] is not StorageValue storage
            || args[1] is not CheckpointInteger offset
            || args[2] is not CheckpointTuple size
            || args[3] is not CheckpointTuple stride
            || args[4] is not CheckpointBoolean requiresGrad)
        {
            throw Corrupt("_rebuild_tensor_v2 expects (storage, offset, size, stride, requires_grad, hooks)");
        }

        long[] shape = Integers(size, "size");
        long[] strides = Integers(stride, "stride");
        if (shape.Length != strides.Length)
        {
            throw Corrupt($"a tensor has size {size.Items.Count}-D but stride {stride.Items.Count}-D");
        }

        long needed;
        try
        {
            needed = CheckpointTensor.RequiredStorageElements(shape, strides, offset.Value);
        }
        catch (Exception ex) when (ex is ArgumentException or OverflowException)
        {
            throw Corrupt($"a tensor has an invalid layout: {ex.Message}");
        }

        PickleStorageReference reference = storage.Reference;
        if (needed > reference.ElementCount)
        {
            throw Corrupt($"a tensor of shape [{string.Join(", ", shape)}] needs {needed} elements of storage '{reference.Key}', which has {reference.ElementCount}");
        }

        return new CheckpointTensor(_archive, reference.ElementType, shape, strides, offset.Value, reference.Key, reference.ElementCount, requiresGrad.Value);
    }

    private long[] Integers(CheckpointTuple tuple, string what) =>
        tuple.Items.Select(item => item is CheckpointInteger integer ? integer.Value : throw Corrupt($"a tensor's {what} holds a non-integer")).ToArray();

    private CheckpointValue NumpyScalar(IReadOnlyList<CheckpointValue> args)
    {
        if (args.Count != 2 || args[0] is not DTypeValue dtype || args[1] is not CheckpointBytes bytes)
        {
            throw Corrupt("numpy scalar expects (dtype, bytes)");
        }

        string code = dtype.DType.Code.TrimStart('<', '>', '|', '=');
        byte[] raw = bytes.Value.ToArray();
        if (dtype.DType.ByteOrder == '>')
        {
            Array.Reverse(raw);
        }

        return (code, raw.Length) switch
        {
            ("f8", 8) => new CheckpointFloat(BitConverter.ToDouble(raw)),
            ("f4", 4) => new CheckpointFloat(BitConverter.ToSingle(raw)),
            ("f2", 2) => new CheckpointFloat((double)BitConverter.ToHalf(raw)),
            ("i8", 8) => new CheckpointInteger(BitConverter.ToInt64(raw)),
            ("i4", 4) => new CheckpointInteger(BitConverter.ToInt32(raw)),
            ("i2", 2) => new CheckpointInteger(BitConverter.ToInt16(raw)),
            ("i1", 1) => new CheckpointInteger((sbyte)raw[0]),
            ("u8", 8) => new CheckpointInteger(checked((long)BitConverter.ToUInt64(raw))),
            ("u4", 4) => new CheckpointInteger(BitConverter.ToUInt32(raw)),
            ("u2", 2) => new CheckpointInteger(BitConverter.ToUInt16(raw)),
            ("u1", 1) => new CheckpointInteger(raw[0]),
            ("b1", 1) => new CheckpointBoolean(raw[0] != 0),
            _ => throw Corrupt($"numpy scalar of dtype '{dtype.DType.Code}' with {raw.Length} bytes is not supported"),
        };
    }

    private void Build(CheckpointValue target, CheckpointValue state)
    {
        switch (target)
        {
            case CheckpointDict:
                // An OrderedDict state dict carries its '_metadata' attribute as BUILD state; it holds
                // module versions only, so the items already read are the whole state dict.
                break;
            case DTypeValue dtype:
                if (state is CheckpointTuple { Items.Count: >= 2 } tuple && tuple.Items[1] is CheckpointString { Value.Length: 1 } order)
                {
                    dtype.DType.ByteOrder = order.Value[0];
                }

                break;
            default:
                throw Corrupt($"BUILD on {Describe(target)} is not supported");
        }
    }

    private StorageValue PersistentLoad(CheckpointValue pid)
    {
        if (pid is not CheckpointTuple { Items.Count: 5 } tuple
            || tuple.Items[0] is not CheckpointString { Value: "storage" }
            || tuple.Items[1] is not GlobalValue storageType
            || tuple.Items[2] is not CheckpointString key
            || tuple.Items[3] is not CheckpointString
            || tuple.Items[4] is not CheckpointInteger numel)
        {
            throw Corrupt("a persistent id is not ('storage', type, key, location, numel)");
        }

        if (!TorchStorageTypes.TryGetElementType(storageType.Global.Module, storageType.Global.Name, out ScalarType elementType))
        {
            throw Corrupt($"'{storageType.Global.FullName}' is not a storage type");
        }

        if (numel.Value < 0 || key.Value.Length == 0 || key.Value.Contains('/', StringComparison.Ordinal) || key.Value.Contains("..", StringComparison.Ordinal))
        {
            throw Corrupt($"storage '{key.Value}' has an invalid key or size");
        }

        return new StorageValue(new PickleStorageReference(elementType, key.Value, numel.Value));
    }

    private void PushTuple(int count)
    {
        if (_stack.Count - CurrentMarkFloor() < count)
        {
            throw Corrupt("a tuple opcode found too few items on the stack");
        }

        var items = new CheckpointValue[count];
        for (int i = count - 1; i >= 0; i--)
        {
            items[i] = Pop();
        }

        Push(new CheckpointTuple(items));
    }

    private static string Describe(CheckpointValue item) => item switch
    {
        GlobalValue global => $"the global '{global.Global.FullName}'",
        StorageValue => "a bare storage",
        DTypeValue => "a numpy dtype",
        _ => item.GetType().Name,
    };

    private void RejectInternalValues(CheckpointValue root)
    {
        var pending = new Stack<CheckpointValue>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            CheckpointValue value = pending.Pop();
            switch (value)
            {
                case GlobalValue or StorageValue or DTypeValue:
                    throw Corrupt($"the result holds {Describe(value)}, which is not data");
                case CheckpointList list:
                    list.Items.ToList().ForEach(pending.Push);
                    break;
                case CheckpointTuple tuple:
                    tuple.Items.ToList().ForEach(pending.Push);
                    break;
                case CheckpointDict dictionary:
                    foreach (KeyValuePair<CheckpointValue, CheckpointValue> entry in dictionary.Entries)
                    {
                        pending.Push(entry.Key);
                        pending.Push(entry.Value);
                    }

                    break;
            }
        }
    }

    private string AsString(CheckpointValue item, string what) =>
        item is CheckpointString text ? text.Value : throw Corrupt($"{what} is not a string");

    private CheckpointList AsList(CheckpointValue item, string opcode) =>
        item as CheckpointList ?? throw Corrupt($"{opcode} applied to {Describe(item)}");

    private CheckpointDict AsDictionary(CheckpointValue item, string opcode) =>
        item as CheckpointDict ?? throw Corrupt($"{opcode} applied to {Describe(item)}");

    private void Push(CheckpointValue item)
    {
        if (_stack.Count >= MaxStackDepth)
        {
            throw Corrupt("the pickle stack grew beyond its limit");
        }

        _stack.Add(item);
    }

    private CheckpointValue Pop()
    {
        if (_stack.Count <= CurrentMarkFloor())
        {
            throw Corrupt("the pickle stack underflowed");
        }

        CheckpointValue item = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return item;
    }

    private CheckpointValue Peek() =>
        _stack.Count > CurrentMarkFloor() ? _stack[^1] : throw Corrupt("the pickle stack is empty");

    private int CurrentMarkFloor() => _marks.Count == 0 ? 0 : _marks.Peek();

    private List<CheckpointValue> PopToMark()
    {
        if (_marks.Count == 0)
        {
            throw Corrupt("an opcode needs a MARK that is not there");
        }

        int mark = _marks.Pop();
        List<CheckpointValue> items = _stack.GetRange(mark, _stack.Count - mark);
        _stack.RemoveRange(mark, _stack.Count - mark);
        return items;
    }

    private CheckpointValue MemoGet(long index) =>
        _memo.TryGetValue(index, out CheckpointValue? item) ? item : throw Corrupt($"memo entry {index} is read before it is written");

    private byte ReadByte()
    {
        if (_position >= _data.Length)
        {
            throw Corrupt("the pickle ends before its STOP opcode");
        }

        return _data[_position++];
    }

    private ReadOnlySpan<byte> ReadBytes(long count)
    {
        if (count < 0 || count > _data.Length - _position)
        {
            throw Corrupt("the pickle ends inside a value");
        }

        ReadOnlySpan<byte> span = _data.AsSpan(_position, (int)count);
        _position += (int)count;
        return span;
    }

    private long ReadLength(int width)
    {
        ReadOnlySpan<byte> bytes = ReadBytes(width);
        ulong length = width == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        return length > (ulong)(_data.Length - _position) ? throw Corrupt("a length runs past the end of the pickle") : (long)length;
    }

    private long ReadLong(long byteCount)
    {
        if (byteCount > 8)
        {
            throw Corrupt("an integer does not fit in 64 bits");
        }

        ReadOnlySpan<byte> bytes = ReadBytes(byteCount);
        if (bytes.IsEmpty)
        {
            return 0;
        }

        // Two's complement, little-endian, sign taken from the top byte.
        long value = (bytes[^1] & 0x80) != 0 ? -1L : 0L;
        for (int i = bytes.Length - 1; i >= 0; i--)
        {
            value = (value << 8) | bytes[i];
        }

        return value;
    }

    private string ReadUtf8(long count)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(ReadBytes(count));
        }
        catch (DecoderFallbackException)
        {
            throw Corrupt("a string is not valid UTF-8");
        }
    }

    private string ReadLine()
    {
        int end = Array.IndexOf(_data, (byte)'\n', _position);
        if (end < 0 || end - _position > 256)
        {
            throw Corrupt("a GLOBAL name is not terminated");
        }

        string line = Encoding.ASCII.GetString(_data, _position, end - _position);
        _position = end + 1;
        return line;
    }

    private VideoSegException Corrupt(string detail) =>
        new(ErrorCodes.BadLayout, string.Format(CultureInfo.InvariantCulture, "Checkpoint '{0}' is not a readable PyTorch checkpoint: {1} (byte {2} of data.pkl).", _path, detail, _position), _path);

    /// <summary>An allowed global on the stack or inside a tuple; never part of the final result.</summary>
    private sealed record GlobalValue(PickleGlobal Global) : CheckpointValue;

    /// <summary>A storage from a persistent id, waiting for <c>_rebuild_tensor_v2</c>.</summary>
    private sealed record StorageValue(PickleStorageReference Reference) : CheckpointValue;

    /// <summary>A numpy dtype, waiting for <c>scalar</c>.</summary>
    private sealed record DTypeValue(NumpyDType DType) : CheckpointValue;
}
