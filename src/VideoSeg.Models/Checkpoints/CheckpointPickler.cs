using System;
using System.Buffers.Binary;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace VideoSeg.Models.Checkpoints;

/// <summary>
/// Encodes a value tree as the protocol-2 pickle <c>torch.save</c> writes: OrderedDicts through
/// <c>collections.OrderedDict</c>, tensors through <c>torch._utils._rebuild_tensor_v2</c> with
/// persistent ids naming storages that are collected for the zip's <c>data/</c> folder.
/// </summary>
internal sealed class CheckpointPickler : IDisposable
{
    private const int BatchSize = 1000;

    private readonly MemoryStream _output = new();
    private readonly Dictionary<(IntPtr Pointer, ScalarType Type), string> _storageKeys = [];
    private readonly List<KeyValuePair<string, byte[]>> _storages = [];

    /// <summary>The storages referenced so far, by key, as little-endian bytes.</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> Storages => _storages;

    /// <inheritdoc />
    public void Dispose() => _output.Dispose();

    /// <summary>Pickles <paramref name="root"/> and returns the bytes of <c>data.pkl</c>.</summary>
    public byte[] Pickle(object? root)
    {
        _output.WriteByte(PickleOpcode.Proto);
        _output.WriteByte(2);
        Write(root);
        _output.WriteByte(PickleOpcode.Stop);
        return _output.ToArray();
    }

    /// <summary>Writes an ordered string-keyed dictionary as <c>collections.OrderedDict</c>.</summary>
    public void WriteOrderedDict(IEnumerable<KeyValuePair<string, object?>> entries)
    {
        WriteGlobal("collections", "OrderedDict");
        _output.WriteByte(PickleOpcode.EmptyTuple);
        _output.WriteByte(PickleOpcode.Reduce);
        WriteItems(entries);
    }

    private void Write(object? value)
    {
        switch (value)
        {
            case null:
            case CheckpointNone:
                _output.WriteByte(PickleOpcode.None);
                break;
            case bool flag:
                _output.WriteByte(flag ? PickleOpcode.NewTrue : PickleOpcode.NewFalse);
                break;
            case CheckpointBoolean flag:
                Write(flag.Value);
                break;
            case byte or sbyte or short or ushort or int or uint or long:
                WriteInteger(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case CheckpointInteger integer:
                WriteInteger(integer.Value);
                break;
            case float or double:
                WriteFloat(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case CheckpointFloat number:
                WriteFloat(number.Value);
                break;
            case string text:
                WriteString(text);
                break;
            case CheckpointString text:
                WriteString(text.Value);
                break;
            case byte[] or CheckpointBytes:
                throw new ArgumentException("Bytes cannot be written: protocol 2 would need the _codecs.encode global.");
            case Tensor tensor:
                WriteTensor(tensor);
                break;
            case CheckpointTensor reference:
                {
                    using Tensor tensor = reference.ToTorch();
                    WriteTensor(tensor);
                    break;
                }

            case CheckpointDict dictionary:
                if (dictionary.IsOrderedDict)
                {
                    WriteGlobal("collections", "OrderedDict");
                    _output.WriteByte(PickleOpcode.EmptyTuple);
                    _output.WriteByte(PickleOpcode.Reduce);
                }
                else
                {
                    _output.WriteByte(PickleOpcode.EmptyDict);
                }

                WritePairs(dictionary.Entries);
                break;
            case CheckpointList list:
                WriteList(list.Items);
                break;
            case CheckpointTuple tuple:
                WriteTuple(tuple.Items);
                break;
            case OrderedRoot ordered:
                WriteOrderedDict(ordered);
                break;
            case IEnumerable<KeyValuePair<string, object?>> entries:
                _output.WriteByte(PickleOpcode.EmptyDict);
                WriteItems(entries);
                break;
            case ITuple tuple:
                var items = new object?[tuple.Length];
                for (int i = 0; i < tuple.Length; i++)
                {
                    items[i] = tuple[i];
                }

                WriteTuple(items);
                break;
            case IEnumerable sequence:
                var elements = new List<object?>();
                foreach (object? element in sequence)
                {
                    elements.Add(element);
                }

                WriteList(elements);
                break;
            default:
                throw new ArgumentException($"A value of type {value.GetType().Name} cannot be written to a checkpoint.");
        }
    }

    private void WriteItems(IEnumerable<KeyValuePair<string, object?>> entries)
    {
        var pairs = new List<KeyValuePair<object?, object?>>();
        foreach (KeyValuePair<string, object?> entry in entries)
        {
            pairs.Add(new KeyValuePair<object?, object?>(entry.Key, entry.Value));
        }

        WritePairs(pairs);
    }

    private void WritePairs<TKey, TValue>(IReadOnlyList<KeyValuePair<TKey, TValue>> pairs)
    {
        for (int start = 0; start < pairs.Count; start += BatchSize)
        {
            _output.WriteByte(PickleOpcode.Mark);
            for (int i = start; i < Math.Min(pairs.Count, start + BatchSize); i++)
            {
                Write(pairs[i].Key);
                Write(pairs[i].Value);
            }

            _output.WriteByte(PickleOpcode.SetItems);
        }
    }

    private void WriteList<T>(IReadOnlyList<T> items)
    {
        _output.WriteByte(PickleOpcode.EmptyList);
        for (int start = 0; start < items.Count; start += BatchSize)
        {
            _output.WriteByte(PickleOpcode.Mark);
            for (int i = start; i < Math.Min(items.Count, start + BatchSize); i++)
            {
                Write(items[i]);
            }

            _output.WriteByte(PickleOpcode.Appends);
        }
    }

    private void WriteTuple<T>(IReadOnlyList<T> items)
    {
        if (items.Count == 0)
        {
            _output.WriteByte(PickleOpcode.EmptyTuple);
            return;
        }

        _output.WriteByte(PickleOpcode.Mark);
        foreach (T item in items)
        {
            Write(item);
        }

        _output.WriteByte(PickleOpcode.Tuple);
    }

    private void WriteTensor(Tensor tensor)
    {
        (string key, long storageElements, Tensor view) = RegisterStorage(tensor);
        using (view)
        {
            WriteGlobal("torch._utils", "_rebuild_tensor_v2");
            _output.WriteByte(PickleOpcode.Mark);

            // The persistent id ('storage', torch.<Type>Storage, key, location, numel).
            _output.WriteByte(PickleOpcode.Mark);
            WriteString("storage");
            WriteGlobal("torch", TorchStorageTypes.NameOf(view.dtype));
            WriteString(key);
            WriteString("cpu");
            WriteInteger(storageElements);
            _output.WriteByte(PickleOpcode.Tuple);
            _output.WriteByte(PickleOpcode.BinPersId);

            WriteInteger(view.storage_offset());
            WriteTuple(Array.ConvertAll(view.shape, size => (object?)size));
            WriteTuple(Array.ConvertAll(view.stride(), stride => (object?)stride));
            Write(false);
            WriteOrderedDict([]);
            _output.WriteByte(PickleOpcode.Tuple);
            _output.WriteByte(PickleOpcode.Reduce);
        }
    }

    /// <summary>
    /// Finds or adds the storage under <paramref name="tensor"/>. CPU tensors keep their storage,
    /// strides and offset, so views and shared storages survive the round trip as in PyTorch; other
    /// devices are copied to a contiguous CPU tensor of their own.
    /// </summary>
    private (string Key, long StorageElements, Tensor View) RegisterStorage(Tensor tensor)
    {
        Tensor view = tensor.detach();
        (IntPtr Pointer, long Bytes)? shared = view.device_type == DeviceType.CPU ? StorageOf(view) : null;
        if (shared is null)
        {
            // A copy has a storage of its own that dies after writing, so its address is never a key.
            view.Dispose();
            view = tensor.detach().contiguous().cpu().clone();
            string ownKey = AddStorage(view, view.numel());
            return (ownKey, view.numel(), view);
        }

        long storageElements = shared.Value.Bytes / TorchStorageTypes.ElementSize(view.dtype);
        (IntPtr, ScalarType) identity = (shared.Value.Pointer, view.dtype);
        if (!_storageKeys.TryGetValue(identity, out string? key))
        {
            key = AddStorage(view, storageElements);
            _storageKeys.Add(identity, key);
        }

        return (key, storageElements, view);
    }

    private string AddStorage(Tensor view, long storageElements)
    {
        string key = _storages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using Tensor whole = view.as_strided([storageElements], [1], 0).clone();
        _storages.Add(new KeyValuePair<string, byte[]>(key, whole.bytes.ToArray()));
        return key;
    }

    /// <summary>
    /// The address and size of a CPU tensor's storage. TorchSharp's <c>storage&lt;T&gt;()</c> converts
    /// when T is not the tensor's element type, so it is only asked with the matching type; element
    /// types without a .NET counterpart (bfloat16) get no shared storage.
    /// </summary>
    private static (IntPtr Pointer, long Bytes)? StorageOf(Tensor tensor) => tensor.dtype switch
    {
        ScalarType.Float32 => Describe(tensor.storage<float>()),
        ScalarType.Float64 => Describe(tensor.storage<double>()),
        ScalarType.Int64 => Describe(tensor.storage<long>()),
        ScalarType.Int32 => Describe(tensor.storage<int>()),
        ScalarType.Int16 => Describe(tensor.storage<short>()),
        ScalarType.Int8 => Describe(tensor.storage<sbyte>()),
        ScalarType.Byte => Describe(tensor.storage<byte>()),
        ScalarType.Bool => Describe(tensor.storage<bool>()),
        _ => null,
    };

    private static (IntPtr Pointer, long Bytes) Describe<T>(Storage<T> storage)
        where T : unmanaged => (storage.data_ptr(), checked((long)storage.nbytes()));

    private void WriteGlobal(string module, string name)
    {
        _output.WriteByte(PickleOpcode.Global);
        byte[] line = Encoding.ASCII.GetBytes(module + "\n" + name + "\n");
        _output.Write(line);
    }

    private void WriteInteger(long value)
    {
        if (value is >= 0 and <= byte.MaxValue)
        {
            _output.WriteByte(PickleOpcode.BinInt1);
            _output.WriteByte((byte)value);
        }
        else if (value is >= int.MinValue and <= int.MaxValue)
        {
            Span<byte> bytes = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(bytes, (int)value);
            _output.WriteByte(PickleOpcode.BinInt);
            _output.Write(bytes);
        }
        else
        {
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
            _output.WriteByte(PickleOpcode.Long1);
            _output.WriteByte(8);
            _output.Write(bytes);
        }
    }

    private void WriteFloat(double value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(bytes, value);
        _output.WriteByte(PickleOpcode.BinFloat);
        _output.Write(bytes);
    }

    private void WriteString(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        _output.WriteByte(PickleOpcode.BinUnicode);
        _output.Write(length);
        _output.Write(bytes);
    }
}
