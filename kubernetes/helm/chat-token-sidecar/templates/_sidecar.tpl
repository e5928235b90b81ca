{{/*
The named templates a parent chart includes to run the sidecar in its own pod
(the README, "Install with Helm: embedded in your own chart"; example: kubernetes/helm/examples/shop).
Each takes this chart's scope; in a parent chart: {{- $sidecar := index .Subcharts "chat-token-sidecar" }}

  chat-token-sidecar.podAnnotations      the config checksum annotation (pod template metadata.annotations)
  chat-token-sidecar.podSecurityContext  fsGroup, so that the sidecar can read its 0440 key files (spec.securityContext)
  chat-token-sidecar.initContainers      the sidecar when nativeSidecar=true, else nothing (spec.initContainers)
  chat-token-sidecar.containers          the sidecar when nativeSidecar=false, else nothing (spec.containers, after yours)
  chat-token-sidecar.volumes             its ConfigMap, /tmp and one volume per active profile's Secret (spec.volumes)
  chat-token-sidecar.configMap           the ConfigMap (this chart renders it itself: templates/configmap.yaml)
*/}}

{{/*
The sidecar's application.properties. Profiles come sorted by name and no timestamp or random value is rendered,
so the same values always give the same bytes, and the checksum below changes only when the configuration does.
*/}}
{{- define "chat-token-sidecar.properties" -}}
# Rendered by the chat-token-sidecar Helm chart from its values: change the values, not this file.
# Ordinal 270: above the image's built-in application.properties (250), below environment variables (300).
config_ordinal=270
# The token API: loopback only, so that only the containers of this pod can ask for tokens.
quarkus.http.host=127.0.0.1
quarkus.http.port={{ .Values.ports.api }}
# Health and metrics for the kubelet and Prometheus; no token is minted on this port.
quarkus.management.host=0.0.0.0
quarkus.management.port={{ .Values.ports.management }}
chat-token.reload-interval={{ include "chat-token-sidecar.scalar" .Values.reloadInterval }}
{{- if .Values.callerToken.secretName }}
chat-token.caller-token-file={{ include "chat-token-sidecar.callerTokenDir" . }}/{{ .Values.callerToken.key }}
{{- end }}
{{- if .Values.audit.userKey.secretName }}
chat-token.audit.user-key-file={{ include "chat-token-sidecar.auditKeyDir" . }}/{{ .Values.audit.userKey.key }}
{{- end }}
{{- $active := include "chat-token-sidecar.activeProfileNames" . | fromJsonArray }}
chat-token.active={{ join "," $active }}
{{- range $name := $active }}
{{- $profile := index $.Values.profiles $name }}
chat-token.profiles.{{ $name }}.vendor={{ $profile.vendor }}
chat-token.profiles.{{ $name }}.key-file={{ include "chat-token-sidecar.keyDir" $name }}/{{ $profile.secret.key }}
{{- with $profile.keyIdKey }}
chat-token.profiles.{{ $name }}.key-id-file={{ include "chat-token-sidecar.keyDir" $name }}/{{ . }}
{{- end }}
{{- /* Every other value is an option of the profile's vendor (values.schema.json says which): keyId is key-id,
a list is comma-separated, a map's members (options, header, claims) are written member by member, verbatim. */}}
{{- range $key, $value := omit $profile "vendor" "active" "secret" "keyIdKey" }}
{{- if kindIs "map" $value }}
{{- range $member, $v := $value }}
chat-token.profiles.{{ $name }}.{{ $key }}.{{ if contains "." $member }}"{{ $member }}"{{ else }}{{ $member }}{{ end }}={{ include "chat-token-sidecar.scalar" $v }}
{{- end }}
{{- else if kindIs "slice" $value }}
chat-token.profiles.{{ $name }}.{{ kebabcase $key }}={{ join "," $value }}
{{- else }}
chat-token.profiles.{{ $name }}.{{ kebabcase $key }}={{ include "chat-token-sidecar.scalar" $value }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}

{{/* A value as the sidecar reads it: strings as written, numbers (a ttl in seconds) without a float's exponent. */}}
{{- define "chat-token-sidecar.scalar" -}}
{{- if kindIs "float64" . }}{{ int64 . }}{{ else }}{{ . }}{{ end -}}
{{- end -}}

{{- define "chat-token-sidecar.configMap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "chat-token-sidecar.fullname" . }}
  labels:
    {{- include "chat-token-sidecar.labels" . | nindent 4 }}
data:
  application.properties: |
    {{- include "chat-token-sidecar.properties" . | nindent 4 }}
{{- end -}}

{{/*
A changed configuration rolls the pods: the sidecar reads its properties once, at startup. The checksum is the
SHA-256 of the file as mounted (with its final newline): `sha256sum application.properties` in the pod matches it.
*/}}
{{- define "chat-token-sidecar.podAnnotations" -}}
checksum/chat-token-sidecar-config: {{ printf "%s\n" (include "chat-token-sidecar.properties" .) | sha256sum }}
{{- end -}}

{{- define "chat-token-sidecar.podSecurityContext" -}}
{{- toYaml .Values.podSecurityContext }}
{{- end -}}

{{- define "chat-token-sidecar.initContainers" -}}
{{- if .Values.nativeSidecar -}}
{{- include "chat-token-sidecar.checkKubeVersion" . -}}
- {{ include "chat-token-sidecar.container" . | indent 2 | trim }}
{{- end -}}
{{- end -}}

{{- define "chat-token-sidecar.containers" -}}
{{- if not .Values.nativeSidecar -}}
- {{ include "chat-token-sidecar.container" . | indent 2 | trim }}
{{- end -}}
{{- end -}}

{{/*
Before 1.29 an API server drops restartPolicy from an init container: the sidecar would then be an init container
that never ends, and the app would never start. Refuse that at install time instead. `helm lint` renders with a
made-up Kubernetes version and IsInstall=false, so it skips the check; `helm template` checks its --kube-version.
*/}}
{{- define "chat-token-sidecar.checkKubeVersion" -}}
{{- if and (or .Release.IsInstall .Release.IsUpgrade) (semverCompare "<1.29.0-0" .Capabilities.KubeVersion.Version) }}
{{- fail (printf "nativeSidecar=true needs Kubernetes 1.29 or newer (here: %s): set nativeSidecar=false for a classic sidecar container" .Capabilities.KubeVersion.Version) }}
{{- end }}
{{- end -}}

{{- define "chat-token-sidecar.container" -}}
{{- $active := include "chat-token-sidecar.activeProfileNames" . | fromJsonArray -}}
name: chat-token-sidecar
image: {{ printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) | quote }}
imagePullPolicy: {{ .Values.image.pullPolicy }}
{{- if .Values.nativeSidecar }}
# An init container that keeps running: started (startup probe passed) before the app, stopped after it.
restartPolicy: Always
{{- end }}
env:
  - name: QUARKUS_CONFIG_LOCATIONS
    value: {{ include "chat-token-sidecar.configDir" . }}/application.properties
# Only the management port is declared: the token API listens on 127.0.0.1, out of reach of other pods.
ports:
  - name: chat-token-mgmt
    containerPort: {{ .Values.ports.management }}
    protocol: TCP
startupProbe:
  httpGet:
    path: /q/health/started
    port: {{ .Values.ports.management }}
  {{- with .Values.probes.startup }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
readinessProbe:
  httpGet:
    path: /q/health/ready
    port: {{ .Values.ports.management }}
  {{- with .Values.probes.readiness }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
livenessProbe:
  httpGet:
    path: /q/health/live
    port: {{ .Values.ports.management }}
  {{- with .Values.probes.liveness }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
resources:
  {{- toYaml .Values.resources | nindent 2 }}
securityContext:
  {{- toYaml .Values.securityContext | nindent 2 }}
# A profile the sidecar refuses at startup shows in `kubectl describe pod`, not only in the logs.
terminationMessagePolicy: FallbackToLogsOnError
volumeMounts:
  - name: chat-token-config
    mountPath: {{ include "chat-token-sidecar.configDir" . }}
    readOnly: true
  # The root filesystem is read-only; the HTTP server still wants a writable /tmp.
  - name: chat-token-tmp
    mountPath: /tmp
  {{- range $name := $active }}
  - name: chat-token-key-{{ $name }}
    mountPath: {{ include "chat-token-sidecar.keyDir" $name }}
    readOnly: true
  {{- end }}
  {{- if .Values.callerToken.secretName }}
  - name: chat-token-caller
    mountPath: {{ include "chat-token-sidecar.callerTokenDir" . }}
    readOnly: true
  {{- end }}
  {{- if .Values.audit.userKey.secretName }}
  - name: chat-token-audit
    mountPath: {{ include "chat-token-sidecar.auditKeyDir" . }}
    readOnly: true
  {{- end }}
{{- end -}}

{{/*
Each Secret is a whole-directory mount, never a subPath: the kubelet then swaps the directory's ..data link when the
Secret changes, and the sidecar picks the new key up without a restart. Only the profile's own key is projected.
Mode 0440 (decimal 288): read-only, owned by root and by the pod's fsGroup, through which the sidecar (UID 1001) reads.
*/}}
{{- define "chat-token-sidecar.volumes" -}}
{{- $active := include "chat-token-sidecar.activeProfileNames" . | fromJsonArray -}}
- name: chat-token-config
  configMap:
    name: {{ include "chat-token-sidecar.fullname" . }}
- name: chat-token-tmp
  emptyDir:
    sizeLimit: 16Mi
{{- range $name := $active }}
{{- $profile := index $.Values.profiles $name }}
- name: chat-token-key-{{ $name }}
  secret:
    secretName: {{ $profile.secret.name }}
    defaultMode: 288
    items:
      - key: {{ $profile.secret.key | quote }}
        path: {{ $profile.secret.key | quote }}
      {{- with $profile.keyIdKey }}
      - key: {{ . | quote }}
        path: {{ . | quote }}
      {{- end }}
{{- end }}
{{- if .Values.callerToken.secretName }}
- name: chat-token-caller
  secret:
    secretName: {{ .Values.callerToken.secretName }}
    defaultMode: 288
    items:
      - key: {{ .Values.callerToken.key | quote }}
        path: {{ .Values.callerToken.key | quote }}
{{- end }}
{{- if .Values.audit.userKey.secretName }}
- name: chat-token-audit
  secret:
    secretName: {{ .Values.audit.userKey.secretName }}
    defaultMode: 288
    items:
      - key: {{ .Values.audit.userKey.key | quote }}
        path: {{ .Values.audit.userKey.key | quote }}
{{- end }}
{{- end -}}
