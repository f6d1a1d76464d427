#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace VideoSeg.Build.Tasks
{
    /// <summary>
    /// Rebinds the symbols that an ELF shared library needs at one symbol version of a
    /// dependency (for example GLIBCXX_3.4.32 of libstdc++.so.6) to an older version of
    /// that dependency, and makes those symbols unversioned, so that the library loads
    /// on a host whose dependency stops at the older version.
    /// </summary>
    /// <remarks>
    /// The file is edited in place, so callers must point this task at a private copy
    /// (the output folder), never at the NuGet cache. The file's timestamp is kept, so
    /// MSBuild's incremental copy does not replace the patched file on the next build.
    /// This file is also compiled inline by eng/LibStdCxxCompat.targets, so that the
    /// patch needs no project to be built first: keep it to one self-contained class.
    /// </remarks>
    public sealed class PatchElfVersionNeed : Task
    {
        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const uint ShtGnuVersym = 0x6fffffff;
        private const uint ShtDynsym = 11;

        /// <summary>The ELF file to patch in place.</summary>
        [Required]
        public string LibraryPath { get; set; } = string.Empty;

        /// <summary>The dependency whose version need is rewritten, e.g. libstdc++.so.6.</summary>
        [Required]
        public string DependencyName { get; set; } = string.Empty;

        /// <summary>The version the host lacks, e.g. GLIBCXX_3.4.32.</summary>
        [Required]
        public string MissingVersion { get; set; } = string.Empty;

        /// <summary>A version the file already needs and the host has, e.g. GLIBCXX_3.4.30.</summary>
        [Required]
        public string ReplacementVersion { get; set; } = string.Empty;

        /// <summary>
        /// Where the host's copy of the dependency may be; the first that exists is read.
        /// When it already defines <see cref="MissingVersion"/>, nothing is patched.
        /// </summary>
        public string[] HostLibraryCandidates { get; set; } = Array.Empty<string>();

        /// <summary>Whether the host lacks <see cref="MissingVersion"/>, so the library needs the fix.</summary>
        [Output]
        public bool Needed { get; set; }

        /// <summary>The symbols that were rebound by this run (empty when the file was already patched).</summary>
        [Output]
        public string[] PatchedSymbols { get; set; } = Array.Empty<string>();

        /// <inheritdoc />
        public override bool Execute()
        {
            try
            {
                Needed = !HostDefinesVersion();
                if (!Needed)
                {
                    Log.LogMessage(MessageImportance.Low, "VideoSeg: the host's {0} defines {1}; {2} is left as shipped", DependencyName, MissingVersion, LibraryPath);
                    return true;
                }

                PatchedSymbols = Patch(LibraryPath, DependencyName, MissingVersion, ReplacementVersion);
                if (PatchedSymbols.Length > 0)
                {
                    Log.LogMessage(MessageImportance.High, "VideoSeg: rebound {0} from {1} to unversioned in {2}", string.Join(", ", PatchedSymbols), MissingVersion, LibraryPath);
                }
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Log.LogError(null, "VSEG0101", null, LibraryPath, 0, 0, 0, 0, "Could not patch the ELF version needs of '{0}': {1}", LibraryPath, ex.Message);
            }

            return !Log.HasLoggedErrors;
        }

        /// <summary>Applies the patch; returns the names of the symbols rebound (none if already patched).</summary>
        public static string[] Patch(string path, string dependency, string missingVersion, string replacementVersion)
        {
            DateTime lastWrite = File.GetLastWriteTimeUtc(path);
            byte[] elf = File.ReadAllBytes(path);
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            {
                throw new InvalidDataException("not an ELF file: expected the magic 0x7F 'E' 'L' 'F'");
            }

            if (elf[4] != 2 || elf[5] != 1)
            {
                throw new InvalidDataException("expected a 64-bit little-endian ELF file");
            }

            ulong shoff = ReadU64(elf, 0x28);
            int shentsize = ReadU16(elf, 0x3A);
            int shnum = ReadU16(elf, 0x3C);
            Section? verneed = null;
            Section? versym = null;
            Section? dynsym = null;
            var sections = new List<Section>(shnum);
            for (int i = 0; i < shnum; i++)
            {
                int h = checked((int)shoff + (i * shentsize));
                var section = new Section(ReadU32(elf, h + 4), checked((int)ReadU64(elf, h + 0x18)), checked((int)ReadU64(elf, h + 0x20)), (int)ReadU32(elf, h + 0x28), checked((int)ReadU64(elf, h + 0x38)));
                sections.Add(section);
                switch (section.Type)
                {
                    case ShtGnuVerneed: verneed = section; break;
                    case ShtGnuVersym: versym = section; break;
                    case ShtDynsym: dynsym = section; break;
                }
            }

            if (verneed is null || versym is null || dynsym is null)
            {
                throw new InvalidDataException("expected .gnu.version_r, .gnu.version and .dynsym sections");
            }

            Section verneedStrings = sections[verneed.Link];
            int missingAux = -1;
            int replacementAux = -1;
            int offset = verneed.Offset;
            while (true)
            {
                int count = ReadU16(elf, offset + 2);
                string file = ReadString(elf, verneedStrings.Offset + (int)ReadU32(elf, offset + 4));
                int aux = offset + (int)ReadU32(elf, offset + 8);
                for (int j = 0; j < count; j++)
                {
                    if (file == dependency)
                    {
                        string name = ReadString(elf, verneedStrings.Offset + (int)ReadU32(elf, aux + 8));
                        if (name == missingVersion)
                        {
                            missingAux = aux;
                        }
                        else if (name == replacementVersion)
                        {
                            replacementAux = aux;
                        }
                    }

                    aux += (int)ReadU32(elf, aux + 12);
                }

                uint next = ReadU32(elf, offset + 12);
                if (next == 0)
                {
                    break;
                }

                offset += (int)next;
            }

            if (missingAux < 0)
            {
                return Array.Empty<string>();
            }

            if (replacementAux < 0)
            {
                throw new InvalidDataException($"the file needs {missingVersion} of {dependency} but not {replacementVersion}, so there is no entry to rebind it to");
            }

            int missingIndex = ReadU16(elf, missingAux + 6) & 0x7fff;

            // Rename the entry by pointing it at the replacement's hash and name; the loader
            // then checks a version the host has. Symbols still tagged with the old index are
            // made global so that any definition, including the shim's, satisfies them.
            WriteU32(elf, missingAux, ReadU32(elf, replacementAux));
            WriteU32(elf, missingAux + 8, ReadU32(elf, replacementAux + 8));

            Section dynStrings = sections[dynsym.Link];
            int symbolCount = dynsym.Size / dynsym.EntrySize;
            var patched = new List<string>();
            for (int s = 0; s < symbolCount; s++)
            {
                int v = versym.Offset + (2 * s);
                if ((ReadU16(elf, v) & 0x7fff) == missingIndex)
                {
                    WriteU16(elf, v, 1);
                    patched.Add(ReadString(elf, dynStrings.Offset + (int)ReadU32(elf, dynsym.Offset + (s * dynsym.EntrySize))));
                }
            }

            string temp = path + ".patching";
            File.WriteAllBytes(temp, elf);
            File.SetLastWriteTimeUtc(temp, lastWrite);
            // The inline task factory compiles against netstandard2.0, which has no File.Move overwrite.
            File.Replace(temp, path, destinationBackupFileName: null);
            return patched.ToArray();
        }

        private bool HostDefinesVersion()
        {
            foreach (string candidate in HostLibraryCandidates)
            {
                if (File.Exists(candidate))
                {
                    byte[] needle = Encoding.ASCII.GetBytes(MissingVersion + "\0");
                    return IndexOf(File.ReadAllBytes(candidate), needle) >= 0;
                }
            }

            return false;
        }

        private static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= haystack.Length; i++)
            {
                int j = 0;
                while (j < needle.Length && haystack[i + j] == needle[j])
                {
                    j++;
                }

                if (j == needle.Length)
                {
                    return i;
                }
            }

            return -1;
        }

        private static int ReadU16(byte[] b, int o) => b[o] | (b[o + 1] << 8);

        private static uint ReadU32(byte[] b, int o) => (uint)(b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24));

        private static ulong ReadU64(byte[] b, int o) => ReadU32(b, o) | ((ulong)ReadU32(b, o + 4) << 32);

        private static void WriteU16(byte[] b, int o, int v)
        {
            b[o] = (byte)v;
            b[o + 1] = (byte)(v >> 8);
        }

        private static void WriteU32(byte[] b, int o, uint v)
        {
            for (int i = 0; i < 4; i++)
            {
                b[o + i] = (byte)(v >> (8 * i));
            }
        }

        private static string ReadString(byte[] b, int o)
        {
            int end = o;
            while (b[end] != 0)
            {
                end++;
            }

            return Encoding.ASCII.GetString(b, o, end - o);
        }

        private sealed class Section
        {
            public Section(uint type, int offset, int size, int link, int entrySize)
            {
                Type = type;
                Offset = offset;
                Size = size;
                Link = link;
                EntrySize = entrySize;
            }

            public uint Type { get; }

            public int Offset { get; }

            public int Size { get; }

            public int Link { get; }

            public int EntrySize { get; }
        }
    }
}
