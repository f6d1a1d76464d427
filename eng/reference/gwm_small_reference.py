#!/usr/bin/env python3
"""PyTorch peer of VideoSeg's TorchSharp port of GWM's network (GwmNetworkOptions.CpuSmall), its loss and its fine-tuning.

Written from VideoSeg's C# (src/VideoSeg.Models/Network, src/VideoSeg.Models/Loss) and checked against
karazijal/guess-what-moves: detectron2's Conv2d with a norm and an activation, the BigPixelDecoder whose
layer_4 GroupNorm is shared by mask_features 0, 2, 3 and 5, MaskFormer's TransformerPredictor without a class
head (0 encoder layers, 6 post-norm decoder layers), interpolate_or_crop, and the flow reconstruction loss of
src/losses/reconstruction_loss.py and src/flow_reconstruction.py (softmax, bilinear resize, flow clip, quadratic
motion fit per segment, 0.03 x MSE). Module names equal VideoSeg's state-dict keys, so the .pth that VideoSeg's
trainer exports loads with strict=True. The number of object queries K is a parameter (4 for training, 2 for the
consistency fine-tuning's starting network).

The fine-tuning step follows VideoSeg's ConsistencyFineTuner.Step with the paper-code ConsistencyLoss
(src/VideoSeg.Models/FineTuning), the semantics of magdyhasan/guess-what-moves-optimization's
losses/ssl_consistency_loss.py as ../shared/notes/consistency.md describes them: the backbone frozen and its
features computed once, the decoder alone run in training mode on both frames of each adjacent pair, softmax over
the 2 channels, each frame's foreground channel chosen by select_mask's corner rule, the t->t+1 flow warping frame
t's map and the t+1->t flow frame t+1's map (affine_grid + grid_sample, align_corners=False, flows divided by
(w-1, h-1) and scaled as the paper's unrescaled ARFlow flows), BCEWithLogits fed probabilities with undetached
targets, summed over pairs and weighted 0.03.

Modes:
  agree --checkpoint X.pth --inputs in.npz --out out.npz [--threads N]
      in.npz holds images (B,3,H,W float32, 0..255) and flows (B,2,h,w float32). Writes logits (eval mode),
      loss (VideoSeg's fit: QR of [A; sqrt(ridge) I], triangular solve) and loss_gwm (GWM's lstq: inv(R) Q^T F,
      no ridge) for those flows.
  bench --batch 8 --threads N --repeats R
      Times one training step (forward, loss, backward, clip_grad_norm_ 0.01, AdamW lr 1.5e-4, weight decay
      0.01 except norms and embeddings as GWM's optimizer groups) on random inputs; prints one JSON line.
  finetune-bench --pairs 4 --threads N --repeats R
      Times one consistency fine-tuning step of a K=2 network (decoder on cached backbone features for both
      frames of each pair, paper-code consistency loss, backward, clip_grad_norm_ 0.01, AdamW lr 1.5e-4, weight
      decay 0.01 except norms and embeddings, over the decoder) on random frames and flows; prints one JSON line.

Needs PyTorch and numpy only (Debian: python3-torch).
"""
import argparse
import json
import math
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

# GwmNetworkOptions.CpuSmall
FEATURE_CHANNELS = (32, 64, 96, 128)
CONV_DIM = 32
MASK_DIM = 32
HIDDEN_DIM = 64
HEADS = 4
DECODER_LAYERS = 6
FEED_FORWARD = 256
DROPOUT = 0.1
QUERIES = 4
GROUPS = 8
SIZE_DIVISIBILITY = 32
PIXEL_MEAN = (123.675, 116.28, 103.53)
PIXEL_STD = (58.395, 57.12, 57.375)

# ConsistencyLossOptions.PaperCode (main_ssl_stv2.py's GWM.LOSS_MULT.REC; ARFlow flows computed at 384x640 and
# resized to 128x224 without rescaling their displacements) and the fine-tuning's starting network (2 queries)
CONSISTENCY_WEIGHT = 0.03
PAPER_FLOW_SCALE = (640.0 / 224.0, 384.0 / 128.0)
FINETUNE_QUERIES = 2

# FlowReconstructionLossOptions (GWM: LOSS_MULT.REC, main.py's flow.clip(-20, 20)); MotionModelFit.DefaultRidge
LOSS_WEIGHT = 0.03
FLOW_CLIP = 20.0
RIDGE = 1e-6


class Conv2d(nn.Conv2d):
    """detectron2.layers.Conv2d: convolution, then an optional norm module and activation."""

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, bias=True, norm=None, activation=None):
        super().__init__(in_channels, out_channels, kernel_size, stride=stride, padding=padding, bias=bias)
        self.norm = norm
        self.activation = activation

    def forward(self, x):
        x = F.conv2d(x, self.weight, self.bias, self.stride, self.padding)
        if self.norm is not None:
            x = self.norm(x)
        if self.activation is not None:
            x = self.activation(x)
        return x


def c2_xavier_fill(module):
    nn.init.kaiming_uniform_(module.weight, a=1)
    if module.bias is not None:
        nn.init.zeros_(module.bias)


def c2_msra_fill(module):
    nn.init.kaiming_normal_(module.weight, mode="fan_out", nonlinearity="relu")
    if module.bias is not None:
        nn.init.zeros_(module.bias)


class SmallCnnBackbone(nn.Module):
    """VideoSeg's CPU stand-in for the DINO ViT: 3x3 conv + GroupNorm + ReLU blocks, res2..res5 at strides 4..32."""

    def __init__(self, channels=FEATURE_CHANNELS, groups=GROUPS):
        super().__init__()
        c2, c3, c4, c5 = channels

        def block(cin, cout, stride):
            conv = Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False, norm=nn.GroupNorm(groups, cout), activation=F.relu)
            c2_msra_fill(conv)
            return conv

        self.stem = block(3, c2, 2)
        self.res2_down = block(c2, c2, 2)
        self.res2 = block(c2, c2, 1)
        self.res3_down = block(c2, c3, 2)
        self.res3 = block(c3, c3, 1)
        self.res4_down = block(c3, c4, 2)
        self.res4 = block(c4, c4, 1)
        self.res5_down = block(c4, c5, 2)
        self.res5 = block(c5, c5, 1)

    def forward(self, x):
        res2 = self.res2(self.res2_down(self.stem(x)))
        res3 = self.res3(self.res3_down(res2))
        res4 = self.res4(self.res4_down(res3))
        res5 = self.res5(self.res5_down(res4))
        return {"res2": res2, "res3": res3, "res4": res4, "res5": res5}


class BigPixelDecoder(nn.Module):
    """GWM's BigPixelDecoder: FPN over res5 -> res2, then mask_features (x4 upsampling, +6 px per side pair)."""

    def __init__(self, feature_channels=FEATURE_CHANNELS, conv_dim=CONV_DIM, mask_dim=MASK_DIM, groups=GROUPS):
        super().__init__()
        self.in_features = ["res2", "res3", "res4", "res5"]
        lateral_convs, output_convs = [], []
        for idx, in_channels in enumerate(feature_channels):
            if idx == len(feature_channels) - 1:
                output_norm = nn.GroupNorm(groups, conv_dim)
                output_conv = Conv2d(in_channels, conv_dim, 3, padding=1, bias=False, norm=output_norm, activation=F.relu)
                c2_xavier_fill(output_conv)
                self.add_module(f"layer_{idx + 1}", output_conv)
                lateral_convs.append(None)
                output_convs.append(output_conv)
            else:
                lateral_conv = Conv2d(in_channels, conv_dim, 1, bias=False, norm=nn.GroupNorm(groups, conv_dim))
                output_conv = Conv2d(conv_dim, conv_dim, 3, padding=1, bias=False, norm=nn.GroupNorm(groups, conv_dim), activation=F.relu)
                c2_xavier_fill(lateral_conv)
                c2_xavier_fill(output_conv)
                self.add_module(f"adapter_{idx + 1}", lateral_conv)
                self.add_module(f"layer_{idx + 1}", output_conv)
                lateral_convs.append(lateral_conv)
                output_convs.append(output_conv)
        self.lateral_convs = lateral_convs[::-1]
        self.output_convs = output_convs[::-1]

        # As in GWM, the loop leaves output_norm bound to layer_4's GroupNorm, which these convolutions reuse.
        def conv(cin, cout, k, norm, relu):
            return Conv2d(cin, cout, k, padding=1, bias=norm is None, norm=norm, activation=F.relu if relu else None)

        self.mask_features = nn.Sequential(
            conv(conv_dim, conv_dim, 3, output_norm, True),
            nn.UpsamplingNearest2d(scale_factor=2),
            conv(conv_dim, conv_dim, 1, output_norm, True),
            conv(conv_dim, conv_dim, 3, output_norm, True),
            nn.UpsamplingNearest2d(scale_factor=2),
            conv(conv_dim, conv_dim, 1, output_norm, True),
            conv(conv_dim, mask_dim, 3, None, False),
        )

    def forward(self, features):
        y = None
        for idx, name in enumerate(self.in_features[::-1]):
            x = features[name]
            lateral_conv = self.lateral_convs[idx]
            output_conv = self.output_convs[idx]
            if lateral_conv is None:
                y = output_conv(x)
            else:
                cur = lateral_conv(x)
                y = output_conv(cur + F.interpolate(y, size=cur.shape[-2:], mode="nearest"))
        return self.mask_features(y)


def position_embedding_sine(x, num_pos_feats, temperature=10000.0):
    """DETR's PositionEmbeddingSine, normalize=True, no padding mask."""
    not_mask = torch.ones((x.size(0), x.size(2), x.size(3)), dtype=torch.float32, device=x.device)
    y_embed = not_mask.cumsum(1)
    x_embed = not_mask.cumsum(2)
    eps, scale = 1e-6, 2 * math.pi
    y_embed = y_embed / (y_embed[:, -1:, :] + eps) * scale
    x_embed = x_embed / (x_embed[:, :, -1:] + eps) * scale
    dim_t = torch.arange(num_pos_feats, dtype=torch.float32, device=x.device)
    dim_t = temperature ** (2 * torch.div(dim_t, 2, rounding_mode="floor") / num_pos_feats)
    pos_x = x_embed[:, :, :, None] / dim_t
    pos_y = y_embed[:, :, :, None] / dim_t
    pos_x = torch.stack((pos_x[:, :, :, 0::2].sin(), pos_x[:, :, :, 1::2].cos()), dim=4).flatten(3)
    pos_y = torch.stack((pos_y[:, :, :, 0::2].sin(), pos_y[:, :, :, 1::2].cos()), dim=4).flatten(3)
    return torch.cat((pos_y, pos_x), dim=3).permute(0, 3, 1, 2)


class TransformerDecoderLayer(nn.Module):
    """DETR's post-norm decoder layer (forward_post)."""

    def __init__(self, d_model, nhead, dim_feedforward, dropout):
        super().__init__()
        self.self_attn = nn.MultiheadAttention(d_model, nhead, dropout=dropout)
        self.multihead_attn = nn.MultiheadAttention(d_model, nhead, dropout=dropout)
        self.linear1 = nn.Linear(d_model, dim_feedforward)
        self.dropout = nn.Dropout(dropout)
        self.linear2 = nn.Linear(dim_feedforward, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)
        self.norm3 = nn.LayerNorm(d_model)
        self.dropout1 = nn.Dropout(dropout)
        self.dropout2 = nn.Dropout(dropout)
        self.dropout3 = nn.Dropout(dropout)

    def forward(self, tgt, memory, pos, query_pos):
        q = k = tgt + query_pos
        tgt2 = self.self_attn(q, k, value=tgt)[0]
        tgt = self.norm1(tgt + self.dropout1(tgt2))
        tgt2 = self.multihead_attn(query=tgt + query_pos, key=memory + pos, value=memory)[0]
        tgt = self.norm2(tgt + self.dropout2(tgt2))
        tgt2 = self.linear2(self.dropout(F.relu(self.linear1(tgt))))
        return self.norm3(tgt + self.dropout3(tgt2))


class TransformerDecoder(nn.Module):
    def __init__(self, num_layers, d_model, nhead, dim_feedforward, dropout):
        super().__init__()
        self.layers = nn.ModuleList(TransformerDecoderLayer(d_model, nhead, dim_feedforward, dropout) for _ in range(num_layers))
        self.norm = nn.LayerNorm(d_model)

    def forward(self, tgt, memory, pos, query_pos):
        output = tgt
        for layer in self.layers:
            output = layer(output, memory, pos, query_pos)
        return self.norm(output)


class Transformer(nn.Module):
    """MaskFormer's Transformer with 0 encoder layers (the memory is the projected source unchanged)."""

    def __init__(self, d_model, nhead, num_decoder_layers, dim_feedforward, dropout):
        super().__init__()
        self.decoder = TransformerDecoder(num_decoder_layers, d_model, nhead, dim_feedforward, dropout)
        for p in self.parameters():
            if p.dim() > 1:
                nn.init.xavier_uniform_(p)

    def forward(self, src, query_embed, pos_embed):
        bs = src.shape[0]
        src = src.flatten(2).permute(2, 0, 1)
        pos_embed = pos_embed.flatten(2).permute(2, 0, 1)
        query_embed = query_embed.unsqueeze(1).repeat(1, bs, 1)
        tgt = torch.zeros_like(query_embed)
        return self.decoder(tgt, src, pos_embed, query_embed).transpose(0, 1)


class MLP(nn.Module):
    def __init__(self, input_dim, hidden_dim, output_dim, num_layers):
        super().__init__()
        h = [hidden_dim] * (num_layers - 1)
        self.layers = nn.ModuleList(nn.Linear(n, k) for n, k in zip([input_dim] + h, h + [output_dim]))

    def forward(self, x):
        for i, layer in enumerate(self.layers):
            x = F.relu(layer(x)) if i < len(self.layers) - 1 else layer(x)
        return x


class TransformerPredictor(nn.Module):
    """GWM's TransformerPredictor with mask_classification False and no deep supervision."""

    def __init__(self, in_channels, queries=QUERIES):
        super().__init__()
        self.transformer = Transformer(HIDDEN_DIM, HEADS, DECODER_LAYERS, FEED_FORWARD, DROPOUT)
        self.query_embed = nn.Embedding(queries, HIDDEN_DIM)
        if in_channels != HIDDEN_DIM:
            self.input_proj = Conv2d(in_channels, HIDDEN_DIM, 1)
            c2_xavier_fill(self.input_proj)
        else:
            self.input_proj = nn.Sequential()
        self.mask_embed = MLP(HIDDEN_DIM, HIDDEN_DIM, MASK_DIM, 3)
        if queries != 2:
            # Built by GWM for K != 2; used only with deep supervision, which GWM's config turns off.
            self.mask_querie_comb = nn.Sequential(
                Conv2d(queries, queries, 1, activation=F.relu),
                Conv2d(queries, 2, 5, activation=F.relu))

    def forward(self, x, mask_features):
        pos = position_embedding_sine(x, HIDDEN_DIM // 2)
        hs = self.transformer(self.input_proj(x), self.query_embed.weight, pos)
        return torch.einsum("bqc,bchw->bqhw", self.mask_embed(hs), mask_features)


class MaskFormerHead(nn.Module):
    def __init__(self, queries=QUERIES):
        super().__init__()
        self.pixel_decoder = BigPixelDecoder()
        self.predictor = TransformerPredictor(FEATURE_CHANNELS[3], queries)

    def forward(self, features):
        return self.predictor(features["res5"], self.pixel_decoder(features))


def interpolate_or_crop(img, size, tol=1.1):
    """GWM's interpolate_or_crop with torchvision's center_crop (offsets int(round((h - H) / 2)))."""
    h, w = img.shape[-2:]
    H, W = size
    if h == H and w == W:
        return img
    if H <= h < tol * H and W <= w < tol * W:
        top = int(round((h - H) / 2.0))
        left = int(round((w - W) / 2.0))
        return img[..., top:top + H, left:left + W]
    return F.interpolate(img, size=size, mode="bilinear", align_corners=False)


class GwmNetwork(nn.Module):
    def __init__(self, queries=QUERIES):
        super().__init__()
        self.backbone = SmallCnnBackbone()
        self.sem_seg_head = MaskFormerHead(queries)
        self.register_buffer("pixel_mean", torch.tensor(PIXEL_MEAN).view(1, 3, 1, 1), persistent=False)
        self.register_buffer("pixel_std", torch.tensor(PIXEL_STD).view(1, 3, 1, 1), persistent=False)

    def forward(self, images):
        return self.decode(self.extract_features(images), *images.shape[-2:])

    def extract_features(self, images):
        """The backbone's maps (GwmNetwork.ExtractFeatures): normalised, padded, res2..res5."""
        height, width = images.shape[-2:]
        x = (images - self.pixel_mean) / self.pixel_std
        # detectron2's ImageList.from_tensors: zero padding at the bottom and right to the size divisibility.
        pad_h = -height % SIZE_DIVISIBILITY
        pad_w = -width % SIZE_DIVISIBILITY
        if pad_h or pad_w:
            x = F.pad(x, [0, pad_w, 0, pad_h])
        return self.backbone(x)

    def decode(self, features, height, width):
        """Logits from extract_features' maps (GwmNetwork.Decode): the head, then interpolate_or_crop."""
        return interpolate_or_crop(self.sem_seg_head(features), (height, width))


def quadratic_basis(height, width, dtype, device):
    """GWM's get_meshgrid: x = row / H, y = col / W; columns [x, y, x^2, y^2, xy, 1]."""
    gx, gy = torch.meshgrid(torch.arange(height, device=device).to(dtype) / height,
                            torch.arange(width, device=device).to(dtype) / width, indexing="ij")
    x, y = gx.flatten(), gy.flatten()
    return torch.stack([x, y, x * x, y * y, x * y, torch.ones_like(x)], 1)


def reconstruct_ridge(masks, flow, ridge=RIDGE):
    """VideoSeg's MotionModelFit: all segments at once, QR of [A_k; sqrt(ridge) I], triangular solve."""
    b, k, h, w = masks.shape
    basis = quadratic_basis(h, w, masks.dtype, masks.device)
    weights = masks.reshape(b, k, h * w, 1)
    design = weights * basis
    target = weights * flow.reshape(b, 1, 2, h * w).transpose(2, 3)
    augmented = design
    if ridge > 0:
        rows = (torch.eye(6, dtype=masks.dtype, device=masks.device) * math.sqrt(ridge)).expand(b, k, 6, 6)
        augmented = torch.cat([design, rows], 2)
    q, r = torch.linalg.qr(augmented)
    theta = torch.linalg.solve_triangular(r, q[:, :, :h * w].transpose(2, 3) @ target, upper=True)
    return (design @ theta).sum(1).transpose(1, 2).reshape(b, 2, h, w)


def reconstruct_gwm(masks, flow):
    """GWM's get_quad_flow and lstq: a loop over segments, theta = inv(R) Q^T F, no regularisation."""
    h, w = flow.shape[-2:]
    gx, gy = torch.meshgrid(torch.arange(h).float() / h, torch.arange(w).float() / w, indexing="ij")
    gx, gy = gx.to(flow), gy.to(flow)
    rec = 0
    for k in range(masks.size(1)):
        mask = masks[:, k].unsqueeze(1)
        f = flow * mask
        m = mask.flatten(1)
        x = gx.unsqueeze(0).flatten(1)
        y = gy.unsqueeze(0).flatten(1)
        f_u = f[:, 0].flatten(1).unsqueeze(2)
        f_v = f[:, 1].flatten(1).unsqueeze(2)
        a = torch.stack([x * m, y * m, x * x * m, y * y * m, x * y * m, torch.ones_like(y) * m], 2)
        q, r = torch.linalg.qr(a)
        theta_u = torch.bmm(torch.bmm(torch.linalg.inv(r), q.transpose(1, 2)), f_u)
        theta_v = torch.bmm(torch.bmm(torch.linalg.inv(r), q.transpose(1, 2)), f_v)
        rec = rec + torch.stack([torch.einsum("bln,bnk->blk", a, theta_u).view(-1, h, w),
                                 torch.einsum("bln,bnk->blk", a, theta_v).view(-1, h, w)], 1)
    return rec


def flow_reconstruction_loss(logits, flow, gwm_solver=False):
    masks = torch.softmax(logits, 1)
    if masks.shape[-2:] != flow.shape[-2:]:
        masks = F.interpolate(masks, flow.shape[-2:], mode="bilinear", align_corners=False)
    target = flow.clip(-FLOW_CLIP, FLOW_CLIP)
    rec = reconstruct_gwm(masks, target) if gwm_solver else reconstruct_ridge(masks, target)
    return F.mse_loss(rec, target) * LOSS_WEIGHT


def select_mask(probabilities):
    """select_mask (the corner rule, CornerRuleSelector) for one frame's (2, H, W) probabilities: on the argmax
    (ties to channel 0) the channel that wins on fewer pixels (channel 0 on equal areas), flipped when three or
    more of the four corner pixels fall in it. No ground truth."""
    label = probabilities.argmax(0)
    area1 = int(label.sum())
    area0 = label.numel() - area1
    chosen = 1 if area0 > area1 else 0
    corners = torch.stack([label[0, 0], label[0, -1], label[-1, 0], label[-1, -1]])
    return 1 - chosen if int((corners == chosen).sum()) >= 3 else chosen


def warp_paper_consistency(maps, flow):
    """warp_w_opflow of the paper's consistency loss (WarpConvention.PaperConsistencyCode) on (B, C, H, W) maps and
    (B, 2, H, W) pixel flows, without changing the flow in place: identity affine_grid (align_corners=False) plus
    2 * flow / (w - 1, h - 1), grid_sample bilinear with zero padding and align_corners=False."""
    b, _, h, w = maps.shape
    theta = torch.tensor([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]], dtype=maps.dtype, device=maps.device).expand(b, 2, 3)
    grid = F.affine_grid(theta, [b, 1, h, w], align_corners=False)
    scale = torch.tensor([1.0 / (w - 1), 1.0 / (h - 1)], dtype=maps.dtype, device=maps.device)
    grid = grid + 2 * flow.permute(0, 2, 3, 1) * scale
    return F.grid_sample(maps, grid, mode="bilinear", padding_mode="zeros", align_corners=False)


def paper_consistency_loss(first, second, forward, backward):
    """The paper code's consistency loss (lossSSL) over a batch of pairs: first and second are (B, 2, H, W)
    softmax probabilities of frames t and t+1, forward the t->t+1 flows and backward the t+1->t flows (B, 2, H, W,
    already at the paper's scale). Per pair, BCEWithLogits(W(m_t, F_fw), m_t+1) + BCEWithLogits(W(m_t+1, F_bw), m_t)
    with probabilities as logits and undetached targets; summed over pairs, times CONSISTENCY_WEIGHT."""
    loss = first.new_zeros(())
    for b in range(first.shape[0]):
        with torch.no_grad():
            i1 = select_mask(first[b])
            i2 = select_mask(second[b])
        m1 = first[b, i1:i1 + 1].unsqueeze(0)
        m2 = second[b, i2:i2 + 1].unsqueeze(0)
        loss = (loss
                + F.binary_cross_entropy_with_logits(warp_paper_consistency(m1, forward[b:b + 1]), m2)
                + F.binary_cross_entropy_with_logits(warp_paper_consistency(m2, backward[b:b + 1]), m1))
    return loss * CONSISTENCY_WEIGHT


def load_network(path):
    checkpoint = torch.load(path, map_location="cpu")
    state = checkpoint["model"] if isinstance(checkpoint, dict) and "model" in checkpoint else checkpoint
    network = GwmNetwork()
    network.load_state_dict(state, strict=True)
    return network


def agree(args):
    network = load_network(args.checkpoint).eval()
    inputs = np.load(args.inputs)
    images = torch.from_numpy(np.ascontiguousarray(inputs["images"], dtype=np.float32))
    flows = torch.from_numpy(np.ascontiguousarray(inputs["flows"], dtype=np.float32))
    with torch.no_grad():
        logits = network(images)
        loss = flow_reconstruction_loss(logits, flows)
        loss_gwm = flow_reconstruction_loss(logits, flows, gwm_solver=True)
    np.savez(args.out, logits=logits.numpy().astype(np.float32),
             loss=np.array([loss.item()], dtype=np.float64), loss_gwm=np.array([loss_gwm.item()], dtype=np.float64))
    parameters = sum(p.numel() for p in network.parameters())
    print(json.dumps({"loss": loss.item(), "loss_gwm": loss_gwm.item(), "parameters": parameters,
                      "threads": torch.get_num_threads(), "torch": torch.__version__}))


def optimizer_groups(network, weight_decay):
    """GWM's build_optimizer grouping: norm and embedding parameters without weight decay, tied ones once."""
    norm_types = (nn.BatchNorm1d, nn.BatchNorm2d, nn.BatchNorm3d, nn.GroupNorm, nn.InstanceNorm1d,
                  nn.InstanceNorm2d, nn.InstanceNorm3d, nn.LayerNorm, nn.LocalResponseNorm)
    seen, decayed, undecayed = set(), [], []
    for module in network.modules():
        for parameter in module.parameters(recurse=False):
            if not parameter.requires_grad or id(parameter) in seen:
                continue
            seen.add(id(parameter))
            (undecayed if isinstance(module, norm_types + (nn.Embedding,)) else decayed).append(parameter)
    return [{"params": decayed, "weight_decay": weight_decay}, {"params": undecayed, "weight_decay": 0.0}]


def loaded_blas():
    """The BLAS library this process mapped (Debian's python3-torch links whatever libblas.so.3 the system selects)."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "blas" in line.rsplit("/", 1)[-1]}
    except OSError:
        return "unknown"
    return ", ".join(sorted(paths)) or "none mapped (built in)"


def time_steps(step, repeats):
    """One untimed step (first-call costs), then the sorted wall-clock seconds of max(1, repeats) steps."""
    step()
    times = []
    for _ in range(max(1, repeats)):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    times.sort()
    return times


def bench(args):
    torch.manual_seed(args.seed)
    network = GwmNetwork().train()
    groups = optimizer_groups(network, 0.01)
    trainable = [p for g in groups for p in g["params"]]
    optimizer = torch.optim.AdamW(groups, lr=1.5e-4, betas=(0.9, 0.999), eps=1e-8)
    images = torch.rand(args.batch, 3, 128, 224) * 255
    flow = torch.randn(args.batch, 2, 128, 224) * 3

    def step():
        optimizer.zero_grad()
        loss = flow_reconstruction_loss(network(images), flow)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trainable, 0.01)
        optimizer.step()

    times = time_steps(step, args.repeats)
    print(json.dumps({"seconds_per_step": times[len(times) // 2], "times": times, "batch": args.batch,
                      "threads": torch.get_num_threads(), "torch": torch.__version__, "blas": loaded_blas()}))


def finetune_bench(args):
    height, width = 128, 224
    torch.manual_seed(args.seed)
    network = GwmNetwork(FINETUNE_QUERIES)
    for parameter in network.backbone.parameters():
        parameter.requires_grad_(False)
    frames = torch.rand(args.pairs + 1, 3, height, width) * 255
    forward = torch.randn(args.pairs, 2, height, width) * 3
    backward = torch.randn(args.pairs, 2, height, width) * 3
    # The frozen backbone's features of every frame, computed once (outside the timed step).
    with torch.no_grad():
        features = {name: level.detach() for name, level in network.extract_features(frames).items()}
    network.train()
    groups = optimizer_groups(network, 0.01)
    trainable = [p for g in groups for p in g["params"]]
    optimizer = torch.optim.AdamW(groups, lr=1.5e-4, betas=(0.9, 0.999), eps=1e-8)
    first_frames = torch.arange(args.pairs)
    second_frames = first_frames + 1
    scale = torch.tensor(PAPER_FLOW_SCALE).view(1, 2, 1, 1)
    losses = []

    def probabilities(indices):
        selected = {name: level.index_select(0, indices) for name, level in features.items()}
        return torch.softmax(network.decode(selected, height, width), 1)

    def step():
        optimizer.zero_grad()
        loss = paper_consistency_loss(probabilities(first_frames), probabilities(second_frames), forward * scale, backward * scale)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trainable, 0.01)
        optimizer.step()
        losses.append(loss.item())

    times = time_steps(step, args.repeats)
    print(json.dumps({"seconds_per_step": times[len(times) // 2], "times": times, "pairs": args.pairs,
                      "queries": FINETUNE_QUERIES, "trainable": sum(p.numel() for p in trainable), "loss": losses[-1],
                      "threads": torch.get_num_threads(), "torch": torch.__version__, "blas": loaded_blas()}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    a = sub.add_parser("agree", help="eval-mode logits and losses of a VideoSeg checkpoint")
    a.add_argument("--checkpoint", required=True)
    a.add_argument("--inputs", required=True)
    a.add_argument("--out", required=True)
    a.add_argument("--threads", type=int, default=1)
    b = sub.add_parser("bench", help="time one training step")
    b.add_argument("--batch", type=int, default=8)
    b.add_argument("--threads", type=int, default=1)
    b.add_argument("--repeats", type=int, default=3)
    b.add_argument("--seed", type=int, default=42)
    f = sub.add_parser("finetune-bench", help="time one consistency fine-tuning step")
    f.add_argument("--pairs", type=int, default=4)
    f.add_argument("--threads", type=int, default=1)
    f.add_argument("--repeats", type=int, default=3)
    f.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    torch.set_num_threads(max(1, args.threads))
    if args.mode == "agree":
        agree(args)
    elif args.mode == "bench":
        bench(args)
    else:
        finetune_bench(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
