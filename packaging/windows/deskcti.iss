; Inno Setup script for deskcti (per-user install, no administrator rights).
; NOT built by build.sh: Inno Setup runs on Windows (or wine). Build with
;   iscc /DAppVersion=1.2.3 /DSourceDir=path\to\unpacked\zip packaging\windows\deskcti.iss
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\deskcti-" + AppVersion + "-windows-amd64"
#endif

[Setup]
AppId={{7C1F4E52-3D0B-4B8A-9E51-DE5CC7100001}
AppName=deskcti
AppVersion={#AppVersion}
AppPublisher=deskcti
DefaultDirName={localappdata}\Programs\deskcti
DefaultGroupName=deskcti
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputBaseFilename=deskcti-{#AppVersion}-windows-amd64-setup
Compression=lzma2
SolidCompression=yes
UninstallDisplayIcon={app}\deskcti.exe
ChangesAssociations=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "de"; MessagesFile: "compiler:Languages\German.isl"

[Tasks]
Name: "urlhandlers"; Description: "Open tel:, callto: and sip: links with deskcti"
Name: "autostart"; Description: "Start deskcti at login (in the tray)"; Flags: unchecked

[Files]
Source: "{#SourceDir}\deskcti.exe"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#SourceDir}\README.txt"; DestDir: "{app}"; Flags: isreadme

[Icons]
Name: "{userprograms}\deskcti"; Filename: "{app}\deskcti.exe"

; The same keys `deskcti register-handlers` writes
; (platform/desktopintegration/registry_windows.go), all under HKCU.
[Registry]
Root: HKCU; Subkey: "Software\Classes\tel"; ValueType: string; ValueData: "URL:tel"; Flags: uninsdeletekey; Tasks: urlhandlers
Root: HKCU; Subkey: "Software\Classes\tel"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""; Tasks: urlhandlers
Root: HKCU; Subkey: "Software\Classes\tel\shell\open\command"; ValueType: string; ValueData: """{app}\deskcti.exe"" ""%1"""; Tasks: urlhandlers
Root: HKCU; Subkey: "Software\Classes\callto"; ValueType: string; ValueData: "URL:callto"; Flags: uninsdeletekey; Tasks: urlhandlers
Root: HKCU; Subkey: "Software\Classes\callto"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""; Tasks: urlhandlers
Root: HKCU; Subkey: "Software\Classes\callto\shell\open\command"; ValueType: string; ValueData: """{app}\deskcti.exe"" ""%1"""; Tasks: urlhandlers
Root: HKCU; Subkey: "Software\Classes\sip"; ValueType: string; ValueData: "URL:sip"; Flags: uninsdeletekey; Tasks: urlhandlers
Root: HKCU; Subkey: "Software\Classes\sip"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""; Tasks: urlhandlers
Root: HKCU; Subkey: "Software\Classes\sip\shell\open\command"; ValueType: string; ValueData: """{app}\deskcti.exe"" ""%1"""; Tasks: urlhandlers
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; ValueName: "deskcti"; ValueData: """{app}\deskcti.exe"" app --hidden"; Flags: uninsdeletevalue; Tasks: autostart

[Run]
Filename: "{app}\deskcti.exe"; Description: "Start deskcti"; Flags: nowait postinstall skipifsilent
